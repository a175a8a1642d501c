using System.Net;
using System.Text;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Tests.Client;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// What a hostile Connect can put on the wire besides bad ids and bad filters: items nested too deep, a server that
/// ignores <c>offset</c> while it claims a huge total, and bodies of any size. Each gets a clear answer contained to
/// the item or the call, never a whole page lost, an endless listing or an exhausted heap.
/// </summary>
public class HostileWireTests
{
    private const string Product = "PRD-1";
    private const long SmallLimit = 64 * 1024;

    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    [Test]
    public async Task Items_nested_100_and_1000_levels_deep_are_reported_alone_and_the_rest_of_the_page_is_read_in_one_call()
    {
        GivenRequestsPage(RequestJson("PR-1"), DeepMemberJson("PR-DEEP-100", 100), DeepStructuredValueJson("PR-DEEP-1000", 1000), RequestJson("PR-2"));
        using var client = server.Client();

        var page = await client.GetRequestsPageAsync(null, 0);
        var listed = await client.ListRequestsAsync().Select(r => r.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { "PR-1", "PR-2" }));
            Assert.That(page.UnreadableItems.Select(u => (u.Position, u.Id)), Is.EqualTo(new[] { (1, (string?)"PR-DEEP-100"), (2, (string?)"PR-DEEP-1000") }));
            Assert.That(page.UnreadableItems.Select(u => u.Error), Has.All.Contain("levels deep, more than the 64 allowed"));
            Assert.That(listed, Is.EqualTo(new[] { "PR-1", "PR-2" }));
            Assert.That(server.Received, Has.Count.EqualTo(2), "one call per listing: the page is not taken for a broken body and retried");
        });
    }

    [Test]
    public async Task The_pipeline_approves_the_good_requests_of_a_page_that_holds_a_too_deep_one()
    {
        GivenRequestsPage(RequestJson("PR-1"), DeepStructuredValueJson("PR-DEEP", 1000), RequestJson("PR-2"));
        foreach (var id in new[] { "PR-1", "PR-2" })
        {
            server.Given("GET", "requests/" + id, body: RequestJson(id));
            server.Given("POST", $"requests/{id}/approve", body: RequestJson(id, "approved"));
        }

        using var client = server.Client();
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Approver());
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1", ProcessTierConfigRequests = false, KeepApprovedResults = true }, handlers);

        var summary = await pipeline.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(summary.Results.Where(r => r.Status == RequestResultStatus.Approved).Select(r => r.RequestId), Is.EquivalentTo(new[] { "PR-1", "PR-2" }));
            var deep = summary.Results.Single(r => r.RequestId == "PR-DEEP");
            Assert.That(deep.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(deep.Reason, Does.Contain("levels deep"));
        });
    }

    [TestCase(100)]
    [TestCase(1000)]
    [TestCase(100_000)]
    public void A_single_request_nested_too_deep_fails_with_a_clear_ConnectApiException_and_is_not_retried(int levels)
    {
        server.Given("GET", "requests/PR-DEEP", body: DeepMemberJson("PR-DEEP", levels));
        using var client = server.Client();

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-DEEP"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect GET requests/PR-DEEP answered 200 with a body that is not valid JSON for FulfillmentRequest (it nests ").And.Contain("more than the 64 allowed"));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [TestCase("requests")]
    [TestCase("tier/config-requests")]
    [TestCase("products/PRD-1/templates")]
    public void A_server_that_ignores_offset_while_claiming_a_million_items_is_read_twice_then_stopped(string path)
    {
        // The page never changes, whatever the offset, and Content-Range promises far more.
        server.Given("GET", path, body: """[{"id":"X-1","name":"a","status":"pending"},{"id":"X-2","name":"b","status":"pending"}]""", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-1/1000000" });
        using var client = server.Client(o => o.PageSize = 2);

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await (path switch
        {
            "requests" => client.ListRequestsAsync().Select(r => r.Id),
            "tier/config-requests" => client.ListTierConfigRequestsAsync().Select(r => r.Id),
            _ => client.ListProductTemplatesAsync(Product).Select(t => t.Id),
        }).ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("the same items as at offset 0").And.Contain("ignores offset"));
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(server.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void The_pipeline_stops_listing_a_server_that_ignores_offset_while_claiming_a_million_items()
    {
        GivenRequestsPageWithRange("items 0-1/1000000", RequestJson("PR-1"), RequestJson("PR-2"));
        using var client = server.Client(o => o.PageSize = 2);
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Skipper());
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ProcessTierConfigRequests = false }, handlers);

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => pipeline.RunOnceAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("ignores offset"));
            Assert.That(server.Received.Count(e => e.RequestMessage.Path.EndsWith("/requests", StringComparison.Ordinal)), Is.LessThanOrEqualTo(3));
            Assert.That(error.Summary.Results.Select(r => r.RequestId), Is.EquivalentTo(new[] { "PR-1", "PR-2" }));
        });
    }

    [Test]
    public void A_listing_whose_pages_always_change_is_capped_even_when_a_total_is_given()
    {
        // A new item at every offset and a total that is never reached: no page repeats, the page bound ends it.
        server.Server
            .Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet())
            .RespondWith(Response.Create().WithCallback(request => new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
                {
                    ["Content-Type"] = new("application/json"),
                    ["Content-Range"] = new("items 0-0/1000000"),
                },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = $$"""[{"id":"PR-{{request.Query!["offset"][0]}}"}]""",
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            }));
        using var client = server.Client(o => o.PageSize = 1);
        client.MaxPagesPerListingOverride = 5;

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("sent more than 5 pages;").And.Contain("stopped at offset 5"));
            Assert.That(server.Received, Has.Count.EqualTo(6));
        });
    }

    [TestCase(100, 10_000)]
    [TestCase(1000, 10_000)]
    [TestCase(10, 100_000)]
    [TestCase(1, 1_000_000)]
    public void Every_listing_is_bounded_by_a_million_items_at_the_page_size_and_never_fewer_than_10000_pages(int pageSize, int maxPages)
    {
        using var client = server.Client(o => o.PageSize = pageSize);

        Assert.Multiple(() =>
        {
            Assert.That(ConnectClient.PagesFor(pageSize), Is.EqualTo(maxPages));
            Assert.That(client.MaxPagesPerListing, Is.EqualTo(maxPages));
        });
    }

    [Test]
    public void A_list_page_over_MaxResponseBytes_fails_naming_the_limit_and_is_not_retried()
    {
        GivenRequestsPage(Enumerable.Range(1, 2000).Select(i => RequestJson("PR-" + i)).ToArray());
        using var client = server.Client(o => o.MaxResponseBytes = SmallLimit);

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect GET requests answered 200 with a body ").And.Contain($"larger than the limit of {SmallLimit} bytes (ConnectClientOptions.MaxResponseBytes)"));
            Assert.That(error.StatusCode, Is.EqualTo(200));
            Assert.That(server.Received, Has.Count.EqualTo(1), "the same call would get the same body");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void An_endless_chunked_body_is_read_only_up_to_the_limit(bool withBufferingHandler)
    {
        // The public constructor takes the caller's HttpClient without the buffering handler: the client counts there too.
        var endless = new EndlessBodyHandler(HttpStatusCode.OK);
        var options = server.Options(o => o.MaxResponseBytes = SmallLimit);
        using var http = new HttpClient(endless);
        using var client = withBufferingHandler ? ConnectClient.Create(options, primaryHandler: endless) : new ConnectClient(http, options);

        var listError = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());
        var readError = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            foreach (var error in new[] { listError!, readError! })
            {
                Assert.That(error.Message, Does.Contain($"with a body larger than the limit of {SmallLimit} bytes (ConnectClientOptions.MaxResponseBytes); reading stopped at the limit"));
                Assert.That(error.IsOutcomeUnknown, Is.True, "a 2xx whose body was not read");
            }

            Assert.That(endless.LargestBodyServed, Is.LessThanOrEqualTo(SmallLimit + (2 * 81_920)), "reading stops at the limit");
            Assert.That(endless.Calls, Is.EqualTo(2), "not retried");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_declared_250_MB_body_is_refused_before_a_byte_is_read(bool withBufferingHandler)
    {
        var huge = new EndlessBodyHandler(HttpStatusCode.OK, declaredLength: 250L * 1024 * 1024);
        var options = server.Options(o => o.MaxResponseBytes = SmallLimit);
        using var http = new HttpClient(huge);
        using var client = withBufferingHandler ? ConnectClient.Create(options, primaryHandler: huge) : new ConnectClient(http, options);

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Is.EqualTo($"Connect GET requests answered 200 with a body of 262144000 bytes larger than the limit of {SmallLimit} bytes (ConnectClientOptions.MaxResponseBytes); it was not read."));
            Assert.That(huge.LargestBodyServed, Is.Zero);
        });
    }

    [Test]
    public void An_error_body_over_the_limit_is_not_read_and_the_status_is_kept()
    {
        server.Given("POST", "requests/PR-1/approve", status: 500, body: new string('x', (int)SmallLimit * 2));
        using var client = server.Client(o => o.MaxResponseBytes = SmallLimit);

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(500));
            Assert.That(error.IsOutcomeUnknown, Is.True);
            Assert.That(error.Errors.Single(), Does.StartWith("(the error body was not read: ").And.Contain("MaxResponseBytes"));
        });
    }

    [Test]
    public void A_transition_answered_2xx_with_a_body_over_the_limit_is_an_unknown_outcome_named_by_the_limit()
    {
        server.Given("POST", "requests/PR-1/approve", body: RequestJson("PR-1", "approved").Replace("\"note\":null", $"\"note\":\"{new string('x', (int)SmallLimit)}\"", StringComparison.Ordinal));
        using var client = server.Client(o => o.MaxResponseBytes = SmallLimit);

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(200));
            Assert.That(error.IsOutcomeUnknown, Is.True, "the approve may have been applied: the pipeline re-reads and reconciles");
            Assert.That(error.Message, Does.Contain("MaxResponseBytes"));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [TestCase(0L)]
    [TestCase(1023L)]
    [TestCase(2L * 1024 * 1024 * 1024)]
    public void MaxResponseBytes_outside_1_KiB_to_1_GiB_is_refused(long limit)
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectClient.Create(server.Options(o => o.MaxResponseBytes = limit)));

        Assert.That(error!.Message, Does.Contain("ConnectClientOptions.MaxResponseBytes must be between 1024 (1 KiB) and 1073741824 (1 GiB)"));
    }

    private static string RequestJson(string id, string status = "pending") =>
        $$$"""{"id":"{{{id}}}","type":"purchase","status":"{{{status}}}","note":null,"asset":{"id":"AS-1","status":"processing","product":{"id":"{{{Product}}}"},"connection":{"id":"CT-1","type":"preview"},"items":[],"params":[]}}""";

    /// <summary>A request with an unknown member nested <paramref name="levels"/> arrays deep.</summary>
    private static string DeepMemberJson(string id, int levels) =>
        RequestJson(id)[..^1] + ",\"extra\":" + new string('[', levels) + new string(']', levels) + "}";

    /// <summary>A request whose parameter's <c>structured_value</c> nests <paramref name="levels"/> objects deep.</summary>
    private static string DeepStructuredValueJson(string id, int levels)
    {
        var value = new StringBuilder().Insert(0, "{\"a\":", levels).Append('1').Append('}', levels);
        return RequestJson(id).Replace("\"params\":[]", $"\"params\":[{{\"id\":\"p\",\"structured_value\":{value}}}]", StringComparison.Ordinal);
    }

    private void GivenRequestsPage(params string[] items) => GivenRequestsPageWithRange($"items 0-{items.Length - 1}/{items.Length}", items);

    private void GivenRequestsPageWithRange(string contentRange, params string[] items)
        => server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Content-Range", contentRange).WithBody("[" + string.Join(",", items) + "]"));

    private sealed class Approver : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(RequestOutcome.Approve());
    }

    private sealed class Skipper : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(RequestOutcome.Skip("not today"));
    }
}
