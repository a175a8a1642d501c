using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class TransitionTests : SandboxTestBase
{
    private const string Product = "PRD-100-200-300";

    [SetUp]
    public void SeedProduct() =>
        Sandbox.Products.Add(Product, p => p
            .Name("Sandbox Product")
            .Template("TL-100", name: "Default Activation Template", scope: "asset", type: "fulfillment", body: "Subscription {{ subscription_id }} is ready for {{customer_email}}."));

    private string AddRequest(string type = "purchase", string status = "pending", string? subscription = "SUB-1", bool required = false) =>
        Sandbox.Requests.Add(r => r.Type(type).Status(status).Product(Product)
            .Parameter("subscription_id", phase: "fulfillment", value: subscription, required: required)
            .Parameter("customer_email", phase: "ordering", value: "a@b.c"));

    [TestCase("purchase", "active")]
    [TestCase("change", "active")]
    [TestCase("resume", "active")]
    [TestCase("suspend", "suspended")]
    [TestCase("cancel", "terminated")]
    public async Task Approve_with_template_sets_status_activation_key_and_asset(string type, string assetStatus)
    {
        var id = AddRequest(type);
        var (status, body, _) = await PostAsync($"requests/{id}/approve", new { template_id = "TL-100" });

        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("approved"));
        Assert.That((string)body["activation_key"]!, Is.EqualTo("Subscription SUB-1 is ready for a@b.c."));
        Assert.That((string)body["template"]!["id"]!, Is.EqualTo("TL-100"));
        Assert.That((string)body["template"]!["name"]!, Is.EqualTo("Default Activation Template"));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        var assetId = Sandbox.GetRequestAssetId(id)!;
        Assert.That(Sandbox.GetAssetStatus(assetId), Is.EqualTo(assetStatus));
        var asset = Sandbox.GetAsset(assetId)!;
        Assert.That(asset["params"]!.AsArray().Any(p => (string?)p!["id"] == "subscription_id" && (string?)p["value"] == "SUB-1"), Is.True);
    }

    [Test]
    public async Task Approve_with_tile_and_effective_date()
    {
        var id = AddRequest();
        var (status, body, _) = await PostAsync($"requests/{id}/approve", new { activation_tile = "Done!", effective_date = "2024-01-02T03:04:05+00:00" });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["activation_key"]!, Is.EqualTo("Done!"));
        Assert.That((string)body["effective_date"]!, Is.EqualTo("2024-01-02T03:04:05+00:00"));
    }

    [Test]
    public async Task Approve_errors()
    {
        var id = AddRequest();
        Assert.That((await PostAsync($"requests/{id}/approve", new { template_id = "TL-UNKNOWN" })).Status, Is.EqualTo(400));

        Sandbox.Products.Add("PRD-OTHER", p => p.Template("TL-OTHER"));
        Assert.That((await PostAsync($"requests/{id}/approve", new { template_id = "TL-OTHER" })).Status, Is.EqualTo(400), "template of another product");

        var empty = AddRequest(subscription: null, required: true);
        var (status, body, _) = await PostAsync($"requests/{empty}/approve", new { template_id = "TL-100" });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Is.EqualTo("REQ_005"));
        Assert.That((string)body!["errors"]![0]!, Is.EqualTo("There are empty required parameters."));
        Assert.That(body["params"]!["empty_params"]!.AsArray().Select(p => (string)p!), Is.EqualTo(new[] { "subscription_id" }));
        Assert.That(Sandbox.GetRequestStatus(empty), Is.EqualTo("pending"));

        var approved = AddRequest(status: "approved");
        (status, body, _) = await PostAsync($"requests/{approved}/approve", new { template_id = "TL-100" });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Does.StartWith("REQ_"));
    }

    [Test]
    public async Task Approve_from_inquiring_is_allowed()
    {
        var id = AddRequest(status: "inquiring");
        Assert.That((await PostAsync($"requests/{id}/approve", new { template_id = "TL-100" })).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Fail_requires_reason_and_terminates_purchase_asset()
    {
        var id = AddRequest();
        var (status, body, _) = await PostAsync($"requests/{id}/fail", new { });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Is.EqualTo("REQ_005"));
        Assert.That((string)body!["errors"]![0]!, Is.EqualTo("Missed fields: reason."));

        (status, body, _) = await PostAsync($"requests/{id}/fail", new { reason = "Vendor said no" });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("failed"));
        Assert.That((string)body["reason"]!, Is.EqualTo("Vendor said no"));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("terminated"));

        Assert.That((await PostAsync($"requests/{id}/fail", new { reason = "again" })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Failed_cancel_leaves_asset_active()
    {
        var id = AddRequest("cancel");
        Assert.That((await PostAsync($"requests/{id}/fail", new { reason = "no" })).Status, Is.EqualTo(200));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("active"));
    }

    [Test]
    public async Task Inquire_needs_a_value_error_then_pend_returns_to_pending()
    {
        var id = AddRequest();
        var (status, body, _) = await PostAsync($"requests/{id}/inquire", new { });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Is.EqualTo("REQ_003"));
        Assert.That((string)body!["errors"]![0]!, Is.EqualTo("For marking request to inquiring status at least one parameter should be marked as invalid."));

        Assert.That((await PutAsync($"requests/{id}", new { asset = new { @params = new[] { new { id = "customer_email", value_error = "Invalid email" } } } })).Status, Is.EqualTo(200));
        (status, body, _) = await PostAsync($"requests/{id}/inquire", new { });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("inquiring"));

        Assert.That((await PostAsync($"requests/{id}/inquire", new { })).Status, Is.EqualTo(400), "only from pending");
        (status, body, _) = await PostAsync($"requests/{id}/pend");
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("pending"));
        Assert.That((await PostAsync($"requests/{id}/pend", new { })).Status, Is.EqualTo(400), "only from inquiring");
    }

    [Test]
    public async Task Schedule_only_from_pending_and_stores_planned_date()
    {
        var id = AddRequest();
        Assert.That((await PostAsync($"requests/{id}/schedule", new { planned_date = "not a date" })).Status, Is.EqualTo(400));
        var (status, body, _) = await PostAsync($"requests/{id}/schedule", new { planned_date = "2030-01-01T14:00:00+01:00" });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("scheduled"));
        Assert.That((string)body["planned_date"]!, Is.EqualTo("2030-01-01T14:00:00+01:00"));
        Assert.That((await PostAsync($"requests/{id}/schedule", new { planned_date = "2030-01-01T14:00:00+01:00" })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Assign_and_unassign()
    {
        var id = AddRequest();
        var (status, body, _) = await PostAsync($"requests/{id}/assign", new { id = "UR-1" });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["assignee"]!["id"]!, Is.EqualTo("UR-1"));
        (_, body, _) = await PostAsync($"requests/{id}/assign", new { email = "x@y.z" });
        Assert.That((string)body!["assignee"]!["email"]!, Is.EqualTo("x@y.z"));
        (status, body, _) = await PostAsync($"requests/{id}/unassign");
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["assignee"]!, Is.Empty);
        Assert.That((await PostAsync($"requests/{id}/assign", new { })).Status, Is.EqualTo(400));
        Assert.That((await PostAsync($"requests/{id}/explode", new { })).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Put_changes_only_value_fields_and_note()
    {
        var id = AddRequest();
        var (status, body, _) = await PutAsync($"requests/{id}", new
        {
            asset = new { @params = new object[] { new { id = "subscription_id", value = "SUB-9", value_error = "", structured_value = new { a = 1 }, type = "password", title = "hacked" } } },
            note = "hello",
        });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["note"]!, Is.EqualTo("hello"));
        var param = body["asset"]!["params"]!.AsArray().Single(p => (string?)p!["id"] == "subscription_id")!;
        Assert.That((string)param["value"]!, Is.EqualTo("SUB-9"));
        Assert.That((int)param["structured_value"]!["a"]!, Is.EqualTo(1));
        Assert.That((string)param["type"]!, Is.EqualTo("text"));
        Assert.That((string)param["title"]!, Is.EqualTo("subscription_id"));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-9"));
    }

    [Test]
    public async Task Put_rejects_unknown_params_and_wrong_states()
    {
        var id = AddRequest();
        Assert.That((await PutAsync($"requests/{id}", new { asset = new { @params = new[] { new { id = "nope", value = "x" } } } })).Status, Is.EqualTo(400));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-1"));

        var approved = AddRequest(status: "approved");
        var (status, body, _) = await PutAsync($"requests/{approved}", new { asset = new { @params = new[] { new { id = "subscription_id", value = "x" } } } });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Is.EqualTo("REQ_003"));
        Assert.That((string)body!["errors"]![0]!, Does.StartWith("Only pending, draft or inquiring Fulfillments"));

        var draft = AddRequest(status: "draft");
        Assert.That((await PutAsync($"requests/{draft}", new { note = "ok" })).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Malformed_json_body_is_400()
    {
        var id = AddRequest();
        Assert.That((await PostAsync($"requests/{id}/approve", "{not json")).Status, Is.EqualTo(400));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }
}
