using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Tests.Client;
using Connect.Fulfillment.Vendors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// A server that ignores the listing filters must not get another product's, environment's or status's requests
/// handled: each listed request is compared with the query on our side and a mismatch is ignored (counted, reported
/// with its reason) without a handler, a vendor call or a transition.
/// </summary>
public class HostileFilterTests
{
    private const string Product = "PRD-1";

    private ConnectServer server = null!;
    private ConnectClient client = null!;

    [SetUp]
    public void SetUp()
    {
        server = ConnectServer.Start();
        client = server.Client();
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        server.Dispose();
    }

    [TestCase("PRD-2", "preview", "pending", "product \"PRD-2\"")]
    [TestCase(Product, "production", "pending", "environment \"production\"")]
    [TestCase(Product, "preview", "approved", "status \"approved\"")]
    [TestCase("", "preview", "pending", "with no product")]
    public async Task A_request_that_does_not_match_the_query_is_ignored_without_a_vendor_call_or_a_transition(string product, string environment, string status, string said)
    {
        ListRequests(RequestJson("PR-STRAY", product: product, environment: environment, status: status), RequestJson("PR-GOOD"));
        GivenApprovable("PR-GOOD");
        var vendor = new RecordingCancelAdapter();

        var summary = await Pipeline(vendor).RunOnceAsync();

        var stray = summary.Results.Single(r => r.RequestId == "PR-STRAY");
        Assert.Multiple(() =>
        {
            Assert.That(vendor.Keys, Is.EqualTo(new[] { "PR-GOOD" }), "the vendor is called only for the request that matches");
            Assert.That(CallsAbout("PR-STRAY"), Is.Empty, "nothing is read or written for the stray request");
            Assert.That(stray.Status, Is.EqualTo(RequestResultStatus.Ignored));
            Assert.That(stray.Reason, Does.StartWith("did not match the query: Connect sent it ").And.Contain(said));
            Assert.That(summary.Ignored, Is.EqualTo(1));
            Assert.That(summary.Approved, Is.EqualTo(1));
            Assert.That(summary.ToString(), Does.Contain("PR-STRAY cancel ignored: did not match").And.EndWith("ignored: 1\n"));
        });
    }

    [Test]
    public async Task A_request_whose_asset_id_is_not_a_Connect_asset_id_is_skipped_and_reported_escaped()
    {
        ListRequests(RequestJson("PR-BAD", assetId: "AS-1\r\nX-Evil: 1"), RequestJson("PR-GOOD"));
        GivenApprovable("PR-GOOD");
        var vendor = new RecordingCancelAdapter();

        var summary = await Pipeline(vendor).RunOnceAsync();

        var bad = summary.Results.Single(r => r.RequestId == "PR-BAD");
        Assert.Multiple(() =>
        {
            Assert.That(vendor.Keys, Is.EqualTo(new[] { "PR-GOOD" }));
            Assert.That(CallsAbout("PR-BAD"), Is.Empty);
            Assert.That(bad.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(bad.Reason, Does.Contain("asset id \"AS-1\\r\\nX-Evil: 1\" is not a valid Connect asset id").And.Not.Contain("\n"));
        });
    }

    [TestCase("PRD-1\r\nX-Evil: 1", "PRD-1\\r\\nX-Evil: 1")]
    [TestCase("PRD-1/../x", "PRD-1/../x")]
    [TestCase("AS-1", "AS-1")]
    public async Task A_request_whose_product_id_is_not_a_Connect_product_id_is_skipped_and_reported_escaped(string product, string escaped)
    {
        ListRequests(RequestJson("PR-BAD", product: product), RequestJson("PR-GOOD"));
        GivenApprovable("PR-GOOD");
        var vendor = new RecordingCancelAdapter();

        var summary = await Pipeline(vendor).RunOnceAsync();

        var bad = summary.Results.Single(r => r.RequestId == "PR-BAD");
        Assert.Multiple(() =>
        {
            Assert.That(vendor.Keys, Is.EqualTo(new[] { "PR-GOOD" }));
            Assert.That(CallsAbout("PR-BAD"), Is.Empty);
            Assert.That(bad.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(bad.Reason, Does.Contain($"product id \"{escaped}\" is not a valid Connect product id"));
        });
    }

    [Test]
    public async Task A_listed_request_type_with_line_breaks_is_escaped_in_its_reason_and_the_summary()
    {
        ListRequests(RequestJson("PR-ODD", type: "cancel\r\nforged: 1"));
        var vendor = new RecordingCancelAdapter();

        var summary = await Pipeline(vendor).RunOnceAsync();

        var odd = summary.Results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(odd.Status, Is.EqualTo(RequestResultStatus.Skipped), "no handler takes an unknown type");
            Assert.That(odd.RequestType, Is.EqualTo("cancel\\r\\nforged: 1"));
            Assert.That(odd.Reason, Does.Not.Contain("\n").And.Not.Contain("\r"));
            Assert.That(summary.ToString().Split('\n')[0], Does.StartWith("PR-ODD cancel\\r\\nforged: 1 skipped: "));
        });
    }

    [TestCase("PRD-2", "preview", "product \"PRD-2\"")]
    [TestCase(Product, "production", "environment \"production\"")]
    public async Task A_tier_configuration_request_that_does_not_match_the_query_is_ignored_without_a_transition(string product, string environment, string said)
    {
        ListTierConfigRequests(TierConfigRequest("TCR-STRAY", product, environment), TierConfigRequest("TCR-GOOD", Product, "preview"));
        server.Given("GET", "tier/config-requests/TCR-GOOD", body: TierConfigRequest("TCR-GOOD", Product, "preview"));
        server.Given("POST", "tier/config-requests/TCR-GOOD/approve", body: """{"template":{"id":"TL-1"}}""");
        ListRequests();
        var decided = new List<string>();
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, (context, _) =>
        {
            lock (decided)
            {
                decided.Add(context.Request.Id!);
            }

            return Task.FromResult(RequestOutcome.Approve());
        });
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1" }, handlers);

        var summary = await pipeline.RunOnceAsync();

        var stray = summary.Results.Single(r => r.RequestId == "TCR-STRAY");
        Assert.Multiple(() =>
        {
            Assert.That(decided, Is.EqualTo(new[] { "TCR-GOOD" }), "the handler runs only for the request that matches");
            Assert.That(CallsAbout("TCR-STRAY"), Is.Empty);
            Assert.That(stray.Status, Is.EqualTo(RequestResultStatus.Ignored));
            Assert.That(stray.Kind, Is.EqualTo(RequestKind.TierConfiguration));
            Assert.That(stray.Reason, Does.Contain(said));
        });
    }

    [Test]
    public async Task A_tier_configuration_request_whose_configuration_id_is_not_a_Connect_id_is_skipped()
    {
        ListTierConfigRequests(TierConfigRequest("TCR-BAD", Product, "preview", configurationId: "TC-1\nforged"));
        ListRequests();
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, (_, _) => Task.FromResult(RequestOutcome.Approve()));
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1" }, handlers);

        var summary = await pipeline.RunOnceAsync();

        var bad = summary.Results.Single(r => r.RequestId == "TCR-BAD");
        Assert.Multiple(() =>
        {
            Assert.That(CallsAbout("TCR-BAD"), Is.Empty);
            Assert.That(bad.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(bad.Reason, Does.Contain("tier configuration id \"TC-1\\nforged\" is not a valid Connect tier configuration id"));
        });
    }

    [Test]
    public async Task ProcessAsync_ignores_a_request_of_another_product_without_a_handler_call()
    {
        server.Given("GET", "requests/PR-STRAY", body: RequestJson("PR-STRAY", product: "PRD-2"));
        var vendor = new RecordingCancelAdapter();

        var result = await Pipeline(vendor).ProcessAsync("PR-STRAY");

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Ignored));
            Assert.That(result.Reason, Does.Contain("product \"PRD-2\""));
            Assert.That(vendor.Keys, Is.Empty);
            Assert.That(server.Received.Select(e => e.RequestMessage.Method), Is.EqualTo(new[] { "GET" }), "only the read");
        });
    }

    [Test]
    public async Task ProcessAsync_reports_a_status_with_line_breaks_escaped()
    {
        server.Given("GET", "requests/PR-1", body: RequestJson("PR-1", status: "limbo\r\nforged: 1"));
        var vendor = new RecordingCancelAdapter();

        var result = await Pipeline(vendor).ProcessAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(result.Reason, Is.EqualTo("the request is limbo\\r\\nforged: 1, not pending"));
            Assert.That(vendor.Keys, Is.Empty);
        });
    }

    [TestCase("prd-1")]
    [TestCase("PRD 1")]
    [TestCase("PRD-1\n")]
    [TestCase("AS-1")]
    public void A_configured_product_that_is_not_a_Connect_product_id_fails_at_start(string product)
    {
        var error = Assert.Throws<ArgumentException>(() => new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [product], ApproveTemplateId = "TL-1" }, new FulfillmentHandlers()));

        Assert.That(error!.Message, Does.Contain("FulfillmentPipelineOptions.Products has '").And.Contain("not a Connect product id (PRD-…)").And.Not.Contain("\n"));
    }

    [TestCase("TL-1\r\nX-Evil: 1", "TL-1\\r\\nX-Evil: 1")]
    [TestCase("..", "..")]
    [TestCase("PRD-1", "PRD-1")]
    public async Task A_template_whose_id_is_not_a_Connect_template_id_is_not_used_and_the_request_is_retried_later(string templateId, string escaped)
    {
        ListRequests(RequestJson("PR-1"));
        server.Given("GET", "requests/PR-1", body: RequestJson("PR-1"));
        var template = JsonSerializer.Serialize(templateId);
        server.Given("GET", $"products/{Product}/templates", body: $$"""[{"id":{{template}},"name":"Default Activation Template","scope":"asset","type":"fulfillment"}]""", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/1" });
        var handlers = new FulfillmentHandlers().Add(RequestType.Cancel, (_, _) => Task.FromResult(RequestOutcome.Approve()));
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ProcessTierConfigRequests = false }, handlers);

        var summary = await pipeline.RunOnceAsync();

        var result = summary.Results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(result.Reason, Does.Contain($"\"{escaped}\" is not a valid Connect template id").And.Not.Contain("\n"));
            Assert.That(server.Received.Where(e => e.RequestMessage.Method == "POST"), Is.Empty, "no approval is sent with that id");
        });
    }

    [TestCase("AS-1234-5678-9012", ConnectIds.AssetPrefix, true)]
    [TestCase("AS-000-000-000-002", ConnectIds.AssetPrefix, true)]
    [TestCase("PRD-123-456-789", ConnectIds.ProductPrefix, true)]
    [TestCase("TL-T1", ConnectIds.TemplatePrefix, true)]
    [TestCase("TC-625-056-106", ConnectIds.TierConfigurationPrefix, true)]
    [TestCase("TCR-625-056-106-001", ConnectIds.TierConfigurationPrefix, false)]
    [TestCase("ASX-1", ConnectIds.AssetPrefix, false)]
    [TestCase("PRD-1", ConnectIds.AssetPrefix, false)]
    [TestCase("AS-", ConnectIds.AssetPrefix, false)]
    [TestCase("AS", ConnectIds.AssetPrefix, false)]
    [TestCase("as-1", ConnectIds.AssetPrefix, false)]
    [TestCase("AS-1\r\nX", ConnectIds.AssetPrefix, false)]
    [TestCase("AS-1/..", ConnectIds.AssetPrefix, false)]
    [TestCase(null, ConnectIds.AssetPrefix, false)]
    public void An_id_of_a_given_type_has_its_prefix_and_the_shape_of_a_Connect_id_whatever_its_digit_groups(string? id, string prefix, bool valid)
        => Assert.That(ConnectIds.IsValid(id, prefix), Is.EqualTo(valid));

    private static string RequestJson(string id, string type = "cancel", string status = "pending", string product = Product, string environment = "preview", string assetId = "AS-1")
    {
        var productJson = product.Length == 0 ? "null" : $"{{\"id\":{JsonSerializer.Serialize(product)}}}";
        return $$$"""
            {"id":"{{{id}}}","type":{{{JsonSerializer.Serialize(type)}}},"status":{{{JsonSerializer.Serialize(status)}}},"asset":{"id":{{{JsonSerializer.Serialize(assetId)}}},"status":"active",
            "product":{{{productJson}}},"connection":{"id":"CT-1","type":"{{{environment}}}"},"items":[],
            "params":[{"id":"subscription_id","type":"text","phase":"fulfillment","value":"SUB-1"}]}}
            """;
    }

    private static string TierConfigRequest(string id, string product, string environment, string configurationId = "TC-1") => $$$"""
        {"id":"{{{id}}}","type":"setup","status":"pending","environment":"{{{environment}}}","params":[],
        "configuration":{"id":{{{JsonSerializer.Serialize(configurationId)}}},"tier_level":1,"product":{"id":"{{{product}}}"},"connection":{"id":"CT-1","type":"{{{environment}}}"}} }
        """;

    /// <summary>A listing that answers the same page whatever the query: the hostile server.</summary>
    private void ListRequests(params string[] requests) => List("/requests", requests);

    private void ListTierConfigRequests(params string[] requests) => List("/tier/config-requests", requests);

    private void List(string path, string[] items)
        => server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Content-Range", $"items 0-{Math.Max(0, items.Length - 1)}/{items.Length}").WithBody("[" + string.Join(",", items) + "]"));

    private void GivenApprovable(string id)
    {
        server.Given("GET", "requests/" + id, body: RequestJson(id));
        server.Given("POST", $"requests/{id}/approve", body: RequestJson(id, status: "approved"));
    }

    private List<string> CallsAbout(string id)
        => server.Received.Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Path}").Where(p => p.Contains(id, StringComparison.Ordinal)).ToList();

    private FulfillmentPipeline Pipeline(RecordingCancelAdapter vendor)
    {
        var handlers = new FulfillmentHandlers().Add(RequestType.Cancel, new VendorSubscriptionHandler("cancel", vendor.CancelAsync, new VendorHandlerOptions()));
        return new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1", ProcessTierConfigRequests = false }, handlers);
    }

    private sealed class RecordingCancelAdapter : IVendorCancelAdapter
    {
        public List<string> Keys { get; } = [];

        public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        {
            lock (Keys)
            {
                Keys.Add(context.IdempotencyKey);
            }

            return Task.FromResult(VendorResult.Success());
        }
    }
}
