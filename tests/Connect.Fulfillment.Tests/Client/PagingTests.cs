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

        var count = await client.CountRequestsAsync(new RequestQuery { Statuses = [Connect.Fulfillment.Models.RequestStatus.Pending] });
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
