using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class SeedingAndInspectionTests : SandboxTestBase
{
    [Test]
    public async Task Builder_defaults_look_like_connect()
    {
        var id = Sandbox.Requests.Add(r => r.Type("cancel").Status("pending").Product("PRD-1").Environment("preview").Marketplace("MP-1")
            .Parameter("subscription_id", phase: "fulfillment", value: "SUB-1", type: "text", valueError: null, required: false)
            .Item("SKU-1", quantity: 3, oldQuantity: 0)
            .Tier1("TA-1", "Reseller")
            .Customer("TA-2", "Customer"));

        Assert.That(id, Does.Match(@"^PR-\d{4}-\d{4}-\d{4}-001$"));
        var (_, r, _) = await GetAsync($"requests/{id}");
        Assert.That((string)r!["type"]!, Is.EqualTo("cancel"));
        Assert.That((string)r["marketplace"]!["id"]!, Is.EqualTo("MP-1"));
        Assert.That((string)r["asset"]!["id"]!, Does.StartWith("AS-"));
        Assert.That((string)r["asset"]!["product"]!["id"]!, Is.EqualTo("PRD-1"));
        Assert.That((string)r["asset"]!["connection"]!["type"]!, Is.EqualTo("preview"));
        Assert.That((string)r["asset"]!["connection"]!["hub"]!["id"]!, Is.Not.Empty);
        Assert.That((string)r["asset"]!["items"]![0]!["quantity"]!, Is.EqualTo("3"));
        Assert.That((string)r["asset"]!["items"]![0]!["old_quantity"]!, Is.EqualTo("0"));
        Assert.That((string)r["asset"]!["tiers"]!["tier1"]!["id"]!, Is.EqualTo("TA-1"));
        Assert.That((string)r["asset"]!["tiers"]!["customer"]!["name"]!, Is.EqualTo("Customer"));
        var p = r["asset"]!["params"]![0]!;
        Assert.That((string)p["value"]!, Is.EqualTo("SUB-1"));
        Assert.That((string)p["value_error"]!, Is.Empty);
        Assert.That((bool)p["constraints"]!["required"]!, Is.False);
        Assert.That(Sandbox.GetAssetStatus((string)r["asset"]!["id"]!), Is.EqualTo("active"));
    }

    [Test]
    public void Bulk_seeding_generates_unique_ids()
    {
        var ids = Sandbox.SeedRequests(2000, (i, r) => r.Type("cancel").Parameter("subscription_id", value: $"SUB-{i}"));
        Assert.That(ids, Has.Count.EqualTo(2000));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(2000));
        Assert.That(ids, Has.All.Match(@"^PR-\d{4}-\d{4}-\d{4}-001$"));
        Assert.That(Sandbox.Requests.Count, Is.EqualTo(2000));
        Assert.That(Sandbox.GetRequestParameterValue(ids[1234], "subscription_id"), Is.EqualTo("SUB-1234"));
    }

    [TestCase("request_cancel.acronis-processor.json")]
    [TestCase("request_purchase_pending.processor-template.json")]
    [TestCase("request_purchase_pending.processors-toolkit.json")]
    [TestCase("request_suspend_pending.mulesoft.json")]
    public async Task Request_fixtures_round_trip_untouched(string fixture)
    {
        var json = await File.ReadAllTextAsync(Fixture(fixture));
        var id = Sandbox.Requests.AddFromFile(Fixture(fixture)).Single();
        var (status, body, _) = await GetAsync($"requests/{id}");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(JsonNode.DeepEquals(body, JsonNode.Parse(json)), Is.True);
        Assert.That(Sandbox.GetConversation(id), Is.Not.Null);
        Assert.That(Sandbox.GetAsset((string)body!["asset"]!["id"]!), Is.Not.Null);
    }

    [Test]
    public async Task List_fixtures_load_every_element()
    {
        var ids = Sandbox.Requests.AddFromFile(Fixture("requests_list_purchase_approved.python-sdk.json"));
        Assert.That(ids, Is.Not.Empty);
        var tcrs = Sandbox.TierConfigRequests.AddFromFile(Fixture("tier_config_requests_list_pending.python-sdk.json"));
        Assert.That(tcrs, Is.Not.Empty);
        var (_, body, _) = await GetAsync("tier/config-requests?status=pending");
        Assert.That(body!.AsArray(), Has.Count.EqualTo(tcrs.Count));
    }

    [Test]
    public async Task Tcr_fixture_can_be_approved_with_fixture_templates()
    {
        var tcr = Sandbox.TierConfigRequests.AddFromFile(Fixture("tier_config_request_setup_pending.devops-testing-library.json")).Single();
        var product = Sandbox.GetTierConfigRequest(tcr)!["configuration"]!["product"]!["id"]!.GetValue<string>();
        var templates = Sandbox.Products.AddTemplatesFromFile(product, Fixture("product_templates_list.python-sdk.json"));
        Assert.That(templates, Is.Not.Empty);

        var (_, list, _) = await GetAsync($"products/{product}/templates?and(eq(name,\"Default Activation Template\"),eq(scope,tier1))");
        var templateId = (string)list!.AsArray().First()!["id"]!;
        var (status, body, _) = await PostAsync($"tier/config-requests/{tcr}/approve", new { template = new { id = templateId } });
        Assert.That(status, Is.EqualTo(200), body?.ToJsonString());
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("approved"));
    }

    [Test]
    public async Task Template_fixture_and_asset_fixture_load()
    {
        Sandbox.Products.AddTemplatesFromFile("PRD-X", Fixture("template_activation_asset.processor-template-example.json"));
        var (_, body, _) = await GetAsync("products/PRD-X/templates?scope=asset");
        Assert.That((string)body!.AsArray().Single()!["id"]!, Is.EqualTo("TL-471-184-949"));
        Assert.That(body.AsArray().Single()!.AsObject().ContainsKey("__product"), Is.False);

        var assetId = Sandbox.AddAssetFromJson(await File.ReadAllTextAsync(Fixture("asset_active.python-sdk.json")));
        Assert.That(Sandbox.GetAssetStatus(assetId), Is.EqualTo("active"));
    }

    [Test]
    public void Inspection_returns_copies()
    {
        var id = Sandbox.Requests.Add();
        var copy = Sandbox.GetRequest(id)!;
        copy["status"] = "approved";
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
        Assert.That(Sandbox.GetRequest("PR-nope"), Is.Null);
        Assert.That(Sandbox.GetRequestStatus("PR-nope"), Is.Null);
    }

    [Test]
    public async Task Call_log_records_calls_without_the_key()
    {
        Sandbox.Products.Add("PRD-1", p => p.Template("TL-1"));
        var id = Sandbox.Requests.Add(r => r.Product("PRD-1"));
        await GetAsync("requests?status=pending&limit=10");
        await PostAsync($"requests/{id}/approve", new { template_id = "TL-1" });
        await PostAsync($"requests/{id}/approve", new { template_id = "TL-1" });

        Assert.That(Sandbox.CallLog.Total, Is.EqualTo(3));
        var list = Sandbox.CallLog.Entries[0];
        Assert.That(list.Method, Is.EqualTo("GET"));
        Assert.That(list.RelativePath, Is.EqualTo("/requests"));
        Assert.That(list.Path, Is.EqualTo("/public/v1/requests"));
        Assert.That(list.Query, Is.EqualTo("?status=pending&limit=10"));
        Assert.That(list.AuthorizationPresent && list.AuthorizationValid, Is.True);
        Assert.That(list.Headers.Values, Has.None.Contains(Sandbox.ApiKey));
        Assert.That(list.StatusCode, Is.EqualTo(200));

        Assert.That(Sandbox.CallLog.Count("POST", $"/requests/{id}/approve"), Is.EqualTo(2));
        Assert.That(Sandbox.CallLog.Count(e => e.Matches("POST", $"/requests/{id}/approve") && e.StatusCode == 200
            && (string?)e.ParseBody()?["template_id"] == "TL-1"), Is.EqualTo(1), "approved exactly once with TL-1");
        Assert.That(Sandbox.CallLog.Where(e => e.StatusCode == 400), Has.Count.EqualTo(1));

        Sandbox.CallLog.Clear();
        Assert.That(Sandbox.CallLog.Total, Is.Zero);
    }
}
