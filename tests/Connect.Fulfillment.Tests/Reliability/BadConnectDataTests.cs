using System.Text;
using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Tests.Client;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Hostile answers from Connect (served by WireMock): unknown types and statuses, nulls everywhere, numbers for
/// strings, huge bodies, control and bidi characters, RQL metacharacters, a server that ignores offset. Each is read
/// correctly or fails with a clear <see cref="ConnectApiException"/>; a bad request never stops the others.
/// </summary>
public class BadConnectDataTests
{
    private const string Product = "PRD-1";

    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    [Test]
    public async Task A_page_of_hostile_requests_fails_or_skips_each_one_alone_and_approves_the_good_ones()
    {
        string[] page =
        [
            RequestJson("PR-GOOD", "purchase", "pending"),
            RequestJson("PR-TYPE", "teleport", "pending"),
            RequestJson("PR-STATUS", "purchase", "limbo"),
            """{"id":null,"type":null,"status":null,"note":null,"reason":null,"created":null,"updated":null,"effective_date":null,"planned_date":null,"answered":null,"assignee":null,"activation_key":null,"template":null,"previous_approved_request":null,"marketplace":null,"contract":null,"asset":null}""",
            // Product and environment are what the pipeline asked for (a request that does not match is ignored); the rest is null.
            """{"id":"PR-NULLS","type":"purchase","status":"pending","note":null,"asset":{"id":null,"status":null,"external_id":null,"product":{"id":"PRD-1","name":null,"icon":null},"connection":{"id":null,"type":"preview","provider":null,"vendor":null,"hub":null},"items":null,"params":null,"tiers":null,"configuration":null,"marketplace":null,"contract":null}}""",
            """{"id":"PR-SHAPE","type":"purchase","status":"pending","asset":[1,2,3]}""",
            "null",
            "\"just a string\"",
            NumbersJson("\"AS-7\"", "\"PRD-1\""),
        ];
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Content-Range", $"items 0-{page.Length - 1}/{page.Length}").WithBody("[" + string.Join(",", page) + "]"));
        foreach (var id in new[] { "PR-GOOD", "PR-NULLS", "PR-NUMBERS" })
        {
            server.Given("GET", "requests/" + id, body: RequestJson(id, "purchase", "pending"));
            server.Given("POST", $"requests/{id}/approve", body: RequestJson(id, "purchase", "approved"));
        }

        var seen = new List<FulfillmentRequest>();
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Approver(seen));
        using var client = server.Client();
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1", ProcessTierConfigRequests = false, KeepApprovedResults = true }, handlers);

        var summary = await pipeline.RunOnceAsync();

        var numbers = seen.Single(r => r.Id == "PR-NUMBERS");
        Assert.Multiple(() =>
        {
            Assert.That(Status(summary, "PR-GOOD"), Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Status(summary, "PR-NULLS"), Is.EqualTo(RequestResultStatus.Approved), "a request with null fields reaches its handler");
            Assert.That(Status(summary, "PR-NUMBERS"), Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(summary.Results.Single(r => r.RequestId == "PR-TYPE").Reason, Is.EqualTo("no handler for teleport requests in status pending"));
            Assert.That(summary.Results.Single(r => r.RequestId == "PR-STATUS").Reason, Is.EqualTo("did not match the query: Connect sent it with status \"limbo\", but this processor handles only status pending; nothing was done"));
            Assert.That(Status(summary, "PR-STATUS"), Is.EqualTo(RequestResultStatus.Ignored));
            Assert.That(summary.Results.Where(r => r.RequestId.Length == 0).Select(r => r.Reason), Has.Exactly(1).Contains("without an id (at position 3)").And.Exactly(2).Contains("could not be read"));
            Assert.That(summary.Results.Single(r => r.RequestId == "PR-SHAPE").Reason, Does.StartWith("Connect sent this fulfillment request in a shape that could not be read (not a valid FulfillmentRequest: ").And.Contain("$.asset"));
            Assert.That(summary.Results.Where(r => r.RequestId is not "PR-GOOD" and not "PR-NULLS" and not "PR-NUMBERS" and not "PR-STATUS").Select(r => r.Status), Is.All.EqualTo(RequestResultStatus.Skipped));
            Assert.That(summary.Results, Has.Count.EqualTo(page.Length));
            Assert.That(numbers.Note, Is.EqualTo("42"));
            Assert.That(numbers.Asset!.Parameters.Single().Value, Is.EqualTo("12.5"));
            Assert.That(seen.Select(r => r.Id), Is.EquivalentTo(new[] { "PR-GOOD", "PR-NULLS", "PR-NUMBERS" }));
        });
    }

    [Test]
    public async Task Numbers_for_ids_read_as_text_and_such_ids_are_not_used_by_the_pipeline()
    {
        server.Given("GET", "requests/PR-NUMBERS", body: NumbersJson("7", "1001"));
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Approver([]));
        using var client = server.Client();
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1" }, handlers);

        var numbers = await client.GetRequestAsync("PR-NUMBERS");
        var result = await pipeline.ProcessAsync("PR-NUMBERS");

        Assert.Multiple(() =>
        {
            Assert.That(numbers.ProductId, Is.EqualTo("1001"));
            Assert.That(numbers.Asset!.Id, Is.EqualTo("7"));
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(result.Reason, Does.Contain("asset id \"7\" is not a valid Connect asset id"));
        });
    }

    [Test]
    public async Task A_list_item_of_the_wrong_shape_is_reported_on_its_page_and_left_out_of_the_auto_paged_list()
    {
        var body = "[" + RequestJson("PR-1", "purchase", "pending") + ",{\"id\":\"PR-BAD\",\"asset\":\"oops\"},null," + RequestJson("PR-3", "purchase", "pending") + "]";
        server.Given("GET", "requests", body: body, headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-3/4" });
        using var client = server.Client();

        var page = await client.GetRequestsPageAsync(null, 0);
        var listed = await client.ListRequestsAsync().Select(r => r.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { "PR-1", "PR-3" }));
            Assert.That(page.UnreadableItems.Select(u => (u.Position, u.Id)), Is.EqualTo(new[] { (1, (string?)"PR-BAD"), (2, (string?)null) }));
            Assert.That(page.UnreadableItems[0].Error, Does.Contain("$.asset"));
            Assert.That(page.Count, Is.EqualTo(4));
            Assert.That(page.HasMore, Is.False);
            Assert.That(listed, Is.EqualTo(new[] { "PR-1", "PR-3" }));
        });
    }

    [Test]
    public async Task A_request_of_the_wrong_shape_fails_the_read_with_a_clear_ConnectApiException()
    {
        server.Given("GET", "requests/PR-1", body: """{"id":"PR-1","type":"purchase","status":"pending","asset":[1,2,3]}""");
        using var client = server.Client();

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect GET requests/PR-1 answered 200 with a body that is not valid JSON for FulfillmentRequest"));
            Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(server.Received, Has.Count.EqualTo(1), "valid JSON of the wrong shape would come back the same: it is not re-sent");
        });
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_30_MB_answer_is_read_whole_when_the_limit_allows_it_and_a_truncated_one_fails_with_a_short_clear_error()
    {
        var note = new string('x', 30 * 1024 * 1024);
        var big = RequestJson("PR-BIG", "purchase", "pending").Replace("\"note\":null", $"\"note\":\"{note}\"", StringComparison.Ordinal);
        server.Given("GET", "requests/PR-BIG", body: big);
        server.Given("GET", "requests/PR-CUT", body: big[..(big.Length / 2)]);

        // Over the 16 MiB default (see HostileWireTests for the limit itself).
        using var client = server.Client(o => o.MaxResponseBytes = 64L * 1024 * 1024);

        var request = await client.GetRequestAsync("PR-BIG");
        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-CUT"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Note, Has.Length.EqualTo(note.Length));
            Assert.That(error!.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(error.Message, Does.StartWith("Connect GET requests/PR-CUT answered 200 with a body that is not valid JSON").And.Length.LessThan(1000));
            Assert.That(
                server.Received.Count(e => e.RequestMessage.Path.EndsWith("/PR-CUT", StringComparison.Ordinal)),
                Is.EqualTo(1 + new ConnectClientOptions().MaxRetryAttempts),
                "a cut body is re-sent like a 5xx, then reported");
        });
    }

    [Test]
    public async Task Parameter_values_with_emoji_bidi_NUL_and_control_characters_travel_unchanged()
    {
        const string Value = "emoji 🚀👩‍💻 RTL \u202Eשלום\u202C NUL \0 bell \u0007 esc \u001b[31m tab\t newline\r\n quote \" backslash \\ end";
        var answer = RequestJson("PR-1", "purchase", "pending").Replace("\"params\":[]", "\"params\":[{\"id\":\"p\",\"type\":\"text\",\"value\":" + JsonSerializer.Serialize(Value) + "}]", StringComparison.Ordinal);
        server.Given("PUT", "requests/PR-1", body: answer);
        using var client = server.Client();

        var updated = await client.UpdateRequestParametersAsync("PR-1", [ParameterUpdate.WithValue("p", Value)]);

        using var body = JsonDocument.Parse(ConnectServer.Body(server.Single()));
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("asset").GetProperty("params")[0].GetProperty("value").GetString(), Is.EqualTo(Value));
            Assert.That(updated.Asset!.Parameters.Single().Value, Is.EqualTo(Value));
        });
    }

    [TestCase("PRD-1,eq(status,approved)")]
    [TestCase("PRD-1)&status=approved&x=(")]
    [TestCase("PRD 'quoted' = & , ( )")]
    [TestCase("PRD \"double\" = & , ( )")]
    public async Task A_product_id_or_parameter_value_with_RQL_metacharacters_stays_one_term(string hostile)
    {
        server.Given("GET", "requests", body: "[]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/0" });
        using var client = server.Client();
        var query = new RequestQuery { ProductIds = [hostile], Filter = RqlFilter.Eq("asset.params.value", hostile) };

        await client.GetRequestsPageAsync(query, 0);

        var raw = server.Single().RequestMessage.RawQuery!;
        var parts = raw.TrimStart('?').Split('&');
        var literal = RqlFilter.Literal(hostile);
        Assert.Multiple(() =>
        {
            Assert.That(parts, Has.Length.EqualTo(3), raw);
            Assert.That(parts[1..], Is.EqualTo(new[] { "limit=100", "offset=0" }));
            Assert.That(parts[0], Does.Not.Contain("=").And.Not.Contain(" ").And.Not.Contain("\"").And.Not.Contain("'"));
            Assert.That(Uri.UnescapeDataString(parts[0]), Is.EqualTo($"and(in(asset.product.id,({literal})),eq(asset.params.value,{literal}))"));
        });
    }

    [Test]
    public void A_server_that_ignores_offset_and_sends_no_Content_Range_stops_the_listing_with_a_clear_error()
    {
        server.Given("GET", "requests", body: "[" + RequestJson("PR-1", "purchase", "pending") + "," + RequestJson("PR-2", "purchase", "pending") + "]");
        using var client = server.Client(o => o.PageSize = 2);

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("the same items as at offset 0").And.Contain("ignores offset"));
            Assert.That(error.Path, Is.EqualTo("requests"));
            Assert.That(server.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void The_pipeline_stops_listing_a_server_that_ignores_offset_and_reports_the_requests_it_handled()
    {
        server.Given("GET", "requests", body: "[" + RequestJson("PR-1", "purchase", "pending") + "," + RequestJson("PR-2", "purchase", "pending") + "]");
        using var client = server.Client(o => o.PageSize = 2);
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Skipper());
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ProcessTierConfigRequests = false }, handlers);

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => pipeline.RunOnceAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("ignores offset"));
            Assert.That(error.InnerException, Is.InstanceOf<ConnectApiException>());
            Assert.That(error.Summary.Results.Select(r => r.RequestId), Is.EquivalentTo(new[] { "PR-1", "PR-2" }));
        });
    }

    [Test]
    public void The_pipeline_stops_listing_a_server_that_ignores_offset_when_every_item_is_unreadable()
    {
        // No item has a readable shape, so no id can tell the pages apart: the page itself must.
        server.Given("GET", "requests", body: """[{"id":"PR-1","type":"purchase","status":"pending","asset":[1]},{"id":"PR-2","type":"purchase","status":"pending","asset":"x"}]""");
        using var client = server.Client(o => o.PageSize = 2);
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new Skipper());
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ProcessTierConfigRequests = false }, handlers);

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => pipeline.RunOnceAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("ignores offset"));
            Assert.That(server.Received, Has.Count.LessThanOrEqualTo(3));
            Assert.That(error.Summary.Results.Select(r => (r.RequestId, r.Status)), Is.EquivalentTo(new[] { ("PR-1", RequestResultStatus.Skipped), ("PR-2", RequestResultStatus.Skipped) }));
        });
    }

    [Test]
    public async Task A_Content_Range_that_is_garbage_is_ignored_and_the_empty_page_ends_the_listing()
    {
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet().WithParam("offset", "0"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Content-Range", "items banana/-7").WithBody("[" + RequestJson("PR-1", "purchase", "pending") + "]"));
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet().WithParam("offset", "1"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("[]"));
        using var client = server.Client();

        var ids = await client.ListRequestsAsync().Select(r => r.Id).ToListAsync();

        Assert.That(ids, Is.EqualTo(new[] { "PR-1" }));
    }

    private static RequestResultStatus Status(RunSummary summary, string id) => summary.Results.Single(r => r.RequestId == id).Status;

    /// <summary>A request with numbers where strings are expected; the asset and product ids are given as raw JSON.</summary>
    private static string NumbersJson(string assetIdJson, string productIdJson) =>
        $$$"""{"id":"PR-NUMBERS","type":"purchase","status":"pending","note":42,"reason":false,"asset":{"id":{{{assetIdJson}}},"external_id":12345,"product":{"id":{{{productIdJson}}},"name":2},"connection":{"type":"preview","id":3},"items":[{"id":9,"mpn":10,"quantity":"3"}],"params":[{"id":11,"name":12,"type":"text","value":12.5,"value_error":0}]}}""";

    private static string RequestJson(string id, string type, string status) =>
        $$$"""{"id":"{{{id}}}","type":"{{{type}}}","status":"{{{status}}}","note":null,"asset":{"id":"AS-{{{id}}}","status":"processing","product":{"id":"{{{Product}}}"},"connection":{"id":"CT-1","type":"preview"},"items":[],"params":[]}}""";

    private sealed class Approver(List<FulfillmentRequest> seen) : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
        {
            lock (seen)
            {
                seen.Add(context.Request);
            }

            return Task.FromResult(RequestOutcome.Approve());
        }
    }

    private sealed class Skipper : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(RequestOutcome.Skip("not now"));
    }
}
