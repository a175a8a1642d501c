using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>Auto-paging with limit/offset and Content-Range, the page-level call and count.</summary>
public class PagingTests
{
    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    [Test]
    public async Task Lists_every_page_until_Content_Range_says_the_last_item_was_read()
    {
        using var client = server.Client(o => o.PageSize = 2);
        GivenPage(offset: 0, ids: [1, 2], contentRange: "items 0-1/5");
        GivenPage(offset: 2, ids: [3, 4], contentRange: "items 2-3/5");
        GivenPage(offset: 4, ids: [5], contentRange: "items 4-4/5");

        var ids = await client.ListRequestsAsync().Select(r => r.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "PR-1", "PR-2", "PR-3", "PR-4", "PR-5" }));
            Assert.That(Queries(), Is.EqualTo(new[] { "?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=4" }));
        });
    }

    [Test]
    public async Task A_server_that_caps_the_page_size_is_read_to_the_end()
    {
        using var client = server.Client(o => o.PageSize = 100);
        GivenPage(offset: 0, ids: [1, 2], contentRange: "items 0-1/5");
        GivenPage(offset: 2, ids: [3, 4], contentRange: "items 2-3/5");
        GivenPage(offset: 4, ids: [5], contentRange: "items 4-4/5");

        var ids = await client.ListRequestsAsync(RequestQuery.Pending(["PRD-1"])).Select(r => r.Id).ToListAsync();

        const string Rql = "?and(in(asset.product.id,(PRD-1)),in(asset.connection.type,(preview)),in(status,(pending)))";
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(5));
            Assert.That(Queries(), Is.EqualTo(new[] { Rql + "&limit=100&offset=0", Rql + "&limit=100&offset=2", Rql + "&limit=100&offset=4" }));
        });
    }

    [Test]
    public async Task Empty_result_with_items_0_0_of_0_is_one_call()
    {
        using var client = server.Client();
        GivenPage(offset: 0, ids: [], contentRange: "items 0-0/0");

        var ids = await client.ListRequestsAsync().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Empty);
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_Content_Range_listing_stops_on_an_empty_page()
    {
        using var client = server.Client(o => o.PageSize = 2);
        GivenPage(offset: 0, ids: [1, 2], contentRange: null);
        GivenPage(offset: 2, ids: [3], contentRange: null);
        GivenPage(offset: 3, ids: [], contentRange: null);

        var ids = await client.ListRequestsAsync().Select(r => r.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "PR-1", "PR-2", "PR-3" }));
            Assert.That(Queries(), Is.EqualTo(new[] { "?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=3" }));
        });
    }

    [Test]
    public async Task Page_level_call_exposes_the_total_and_sends_the_limit_and_offset_asked()
    {
        using var client = server.Client();
        GivenPage(offset: 10, ids: [11, 12], contentRange: "items 10-11/40");

        var page = await client.GetRequestsPageAsync(null, offset: 10, limit: 2);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { "PR-11", "PR-12" }));
            Assert.That(page.Total, Is.EqualTo(40));
            Assert.That(page.Offset, Is.EqualTo(10));
            Assert.That(page.HasMore, Is.True);
            Assert.That(Queries(), Is.EqualTo(new[] { "?limit=2&offset=10" }));
        });
    }

    [Test]
    public async Task Tier_config_page_exposes_the_total()
    {
        using var client = server.Client();
        server.Given("GET", "tier/config-requests", body: Fixtures.Read("tier_config_requests_list_pending.python-sdk.json"),
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-1/2" });

        var page = await client.GetTierConfigRequestsPageAsync(null, 0);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Has.Count.EqualTo(2));
            Assert.That(page.Total, Is.EqualTo(2));
            Assert.That(page.HasMore, Is.False);
        });
    }

    [Test]
    public async Task Count_asks_for_limit_0_and_reads_the_total()
    {
        using var client = server.Client();
        GivenPage(offset: 0, ids: [], contentRange: "items 0-0/1234");
        server.Given("GET", "tier/config-requests", body: "[]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/7" });

        var count = await client.CountRequestsAsync(new RequestQuery { Statuses = [RequestStatus.Pending] });
        var tierCount = await client.CountTierConfigRequestsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(1234));
            Assert.That(tierCount, Is.EqualTo(7));
            Assert.That(Queries(), Is.EqualTo(new[] { "?in(status,(pending))&limit=0&offset=0", "?limit=0&offset=0" }));
        });
    }

    [Test]
    public void Negative_offset_is_refused()
    {
        using var client = server.Client();
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetRequestsPageAsync(null, -1));
    }

    [TestCase("""[{"id":"PR-BAD-1","asset":"oops"},{"id":"PR-BAD-2","asset":"oops"}]""")]
    [TestCase("[null,null]")]
    [TestCase("""[{"asset":"oops"},{"asset":[1]}]""")]
    public void A_server_that_ignores_offset_with_only_unreadable_items_and_no_Content_Range_stops_the_listing(string body)
    {
        // Every item of every page is unreadable, so the readable-id comparison alone would never see a repeat.
        server.Given("GET", "requests", body: body);
        using var client = server.Client(o => o.PageSize = 2);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync(cancellationToken: timeout.Token).ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("the same items as at offset 0").And.Contain("ignores offset"));
            Assert.That(server.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_listing_without_Content_Range_whose_pages_never_repeat_exactly_is_capped()
    {
        // Each page differs (the server echoes the offset), so no page is a repeat; the page cap ends the listing.
        server.Server
            .Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet())
            .RespondWith(Response.Create().WithCallback(request => new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = $$"""[{"asset":"oops","n":"{{request.Query!["offset"][0]}}"}]""",
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            }));
        using var client = server.Client(o => o.PageSize = 1);
        client.MaxPagesPerListingOverride = 5;

        var error = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("more than 5 pages without Content-Range"));
            Assert.That(server.Received, Has.Count.EqualTo(6));
        });
    }

    [Test]
    public void Repeated_pages_are_told_by_the_ids_of_read_and_unreadable_items_alike()
    {
        static ConnectPage<FulfillmentRequest> Page(int offset, string?[] readIds, params UnreadableItem[] unreadable)
            => new(readIds.Select(id => new FulfillmentRequest { Id = id }).ToList(), offset, null, unreadable);

        Assert.Multiple(() =>
        {
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, [], new UnreadableItem(0, "PR-1", "x")), Page(1, [], new UnreadableItem(1, "PR-1", "x"))), Is.True);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, ["PR-2"], new UnreadableItem(0, "PR-1", "x")), Page(2, ["PR-2"], new UnreadableItem(2, "PR-1", "x"))), Is.True);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, ["PR-2"], new UnreadableItem(0, "PR-1", "x")), Page(2, ["PR-1"], new UnreadableItem(2, "PR-2", "x"))), Is.False);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, [], new UnreadableItem(0, null, "x")), Page(1, [], new UnreadableItem(1, null, "x"))), Is.False);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, ["PR-1"]), Page(1, ["PR-1"])), Is.True);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, ["PR-1"]), Page(1, ["PR-2"])), Is.False);
        });
    }

    [Test]
    public void A_repeated_page_is_told_whether_or_not_Content_Range_gave_a_total()
    {
        static ConnectPage<FulfillmentRequest> Page(int offset, int? total, params string[] ids)
            => new(ids.Select(id => new FulfillmentRequest { Id = id }).ToList(), offset, total);

        Assert.Multiple(() =>
        {
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, 1_000_000, "PR-1", "PR-2"), Page(2, 1_000_000, "PR-1", "PR-2")), Is.True);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, 4, "PR-1", "PR-2"), Page(2, 4, "PR-3", "PR-4")), Is.False);
            Assert.That(ConnectClient.IsRepeatedPage(Page(0, 4, "PR-1", "PR-2"), Page(0, 4, "PR-1", "PR-2")), Is.False, "the same offset read again is not a repeat");
        });
    }

    private void GivenPage(int offset, int[] ids, string? contentRange)
    {
        var body = "[" + string.Join(",", ids.Select(i => $$"""{"id":"PR-{{i}}","type":"purchase","status":"pending"}""")) + "]";
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);
        if (contentRange is not null)
        {
            response = response.WithHeader("Content-Range", contentRange);
        }

        server.Server
            .Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet().WithParam("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .RespondWith(response);
    }

    private string?[] Queries() => server.Received.Select(e => e.RequestMessage.RawQuery).ToArray();
}
