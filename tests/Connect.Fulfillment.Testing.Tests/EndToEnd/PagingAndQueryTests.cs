using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class PagingAndQueryTests : ClientTestBase
{
    // The server caps pages at 7 while the client asks for 20: a short page must not end the listing.
    protected override ConnectSandboxOptions SandboxOptions => new() { MaxPageSize = 7 };

    private static RequestQuery ForProduct(string product) => new() { ProductIds = [product] };

    [Test]
    public async Task List_reads_every_page_across_the_server_cap_in_order_without_duplicates()
    {
        var ids = Sandbox.SeedRequests(50, (i, r) => r.Type("purchase").Product(Product));
        using var client = ConnectClient.Create(Options(o => o.PageSize = 20));

        var listed = await ToListAsync(client.ListRequestsAsync(ForProduct(Product)));

        Assert.That(listed.Select(r => r.Id), Is.EqualTo(ids));
        var pages = Sandbox.CallLog.Where(e => e.Matches("GET", "/requests") && e.RelativePath == "/requests");
        Assert.That(pages, Has.Count.EqualTo(8), "ceil(50 / 7) pages, no extra call after the last item");
        Assert.That(pages.Select(e => e.Query), Has.All.Contains("limit=20"));
        Assert.That(pages[^1].Query, Does.Contain("offset=49"));
    }

    [Test]
    public async Task List_stops_on_the_content_range_when_the_last_page_is_full()
    {
        var ids = Sandbox.SeedRequests(14, (i, r) => r.Product(Product));
        using var client = ConnectClient.Create(Options(o => o.PageSize = 20));

        var listed = await ToListAsync(client.ListRequestsAsync(ForProduct(Product)));

        Assert.That(listed.Select(r => r.Id), Is.EqualTo(ids));
        Assert.That(Calls("GET", "/requests"), Is.EqualTo(2));
    }

    [Test]
    public async Task Empty_listing_takes_one_call()
    {
        Sandbox.SeedRequests(3, (i, r) => r.Product("PRD-OTHER"));
        Assert.That(await ToListAsync(Client.ListRequestsAsync(ForProduct(Product))), Is.Empty);
        Assert.That(Calls("GET", "/requests"), Is.EqualTo(1));
        Assert.That(await Client.CountRequestsAsync(ForProduct(Product)), Is.Zero);
    }

    [Test]
    public async Task Page_call_exposes_the_total_and_count_uses_one_call()
    {
        Sandbox.SeedRequests(50, (i, r) => r.Product(Product));

        var first = await Client.GetRequestsPageAsync(ForProduct(Product), offset: 0, limit: 20);
        Assert.That(first.Items, Has.Count.EqualTo(7));
        Assert.That(first.Total, Is.EqualTo(50));
        Assert.That(first.HasMore, Is.True);

        var last = await Client.GetRequestsPageAsync(ForProduct(Product), offset: 45, limit: 20);
        Assert.That(last.Items, Has.Count.EqualTo(5));
        Assert.That(last.Offset, Is.EqualTo(45));
        Assert.That(last.Total, Is.EqualTo(50));
        Assert.That(last.HasMore, Is.False);

        Sandbox.CallLog.Clear();
        Assert.That(await Client.CountRequestsAsync(ForProduct(Product)), Is.EqualTo(50));
        Assert.That(await Client.CountRequestsAsync(), Is.EqualTo(50));
        Assert.That(Sandbox.CallLog.Entries.Select(e => e.Query), Has.All.Contains("limit=0"));
        Assert.That(Sandbox.CallLog.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task Filters_select_by_product_environment_status_type_id_and_raw_rql()
    {
        var purchase = AddPending("purchase");
        var cancelTest = AddPending("cancel", environment: "test");
        var approved = Sandbox.Requests.Add(r => r.Type("purchase").Status("approved").Product(Product));
        var otherProduct = AddPending("purchase", product: "PRD-B");
        var change = AddPending("change");
        var production = AddPending("suspend", environment: "production");

        async Task<List<string?>> Ids(RequestQuery query) => (await ToListAsync(Client.ListRequestsAsync(query))).Select(r => r.Id).ToList();

        Assert.That(await Ids(RequestQuery.Pending([Product])), Is.EquivalentTo(new[] { purchase, change }));
        Assert.That(await Ids(RequestQuery.Pending([Product], [ConnectionType.Preview, ConnectionType.Test])), Is.EquivalentTo(new[] { purchase, cancelTest, change }));
        Assert.That(await Ids(RequestQuery.Pending([Product, "PRD-B"], [ConnectionType.Production])), Is.EquivalentTo(new[] { production }));
        Assert.That(await Ids(new RequestQuery { Types = [RequestType.Cancel, RequestType.Change] }), Is.EquivalentTo(new[] { cancelTest, change }));
        Assert.That(await Ids(new RequestQuery { Statuses = [RequestStatus.Approved] }), Is.EquivalentTo(new[] { approved }));
        Assert.That(await Ids(new RequestQuery { Ids = [approved, otherProduct, "PR-0000-0000-0000-404"] }), Is.EquivalentTo(new[] { approved, otherProduct }));
        Assert.That(await Ids(new RequestQuery { Filter = RqlFilter.Raw("eq(asset.product.id,PRD-B)") }), Is.EquivalentTo(new[] { otherProduct }));
        Assert.That(
            await Ids(new RequestQuery { ProductIds = [Product], Filter = RqlFilter.Or(RqlFilter.Eq("type", "change"), RqlFilter.Eq("status", "approved")) }),
            Is.EquivalentTo(new[] { approved, change }));
        Assert.That(await Ids(new RequestQuery { Filter = RqlFilter.Not(RqlFilter.In("asset.connection.type", ["preview"])) }), Is.EquivalentTo(new[] { cancelTest, production }));
    }

    [TestCase("PRD-1,(x)\"&=")]
    [TestCase("PRD-1 OR 1=1")]
    [TestCase("PRD-1),eq(status,pending")]
    [TestCase("PRD-1\\")]
    [TestCase("PRD-1&status=approved")]
    public async Task Values_with_rql_metacharacters_match_only_themselves(string odd)
    {
        var oddId = AddPending(product: odd);
        var plain = AddPending(product: "PRD-1");
        AddPending(product: "x");
        Sandbox.Requests.Add(r => r.Status("approved").Product("PRD-1"));

        var byProduct = await ToListAsync(Client.ListRequestsAsync(RequestQuery.Pending([odd])));
        Assert.That(byProduct.Select(r => r.Id), Is.EqualTo(new[] { oddId }));
        Assert.That(byProduct[0].Asset!.Product!.Id, Is.EqualTo(odd));

        var byEq = await ToListAsync(Client.ListRequestsAsync(new RequestQuery { Filter = RqlFilter.Eq("asset.product.id", odd) }));
        Assert.That(byEq.Select(r => r.Id), Is.EqualTo(new[] { oddId }));
        Assert.That(await Client.CountRequestsAsync(RequestQuery.Pending([odd])), Is.EqualTo(1));
        Assert.That(await Client.CountRequestsAsync(RequestQuery.Pending(["PRD-1"])), Is.EqualTo(1));
        Assert.That(await Client.CountRequestsAsync(new RequestQuery { Ids = [odd] }), Is.Zero);
        Assert.That(plain, Is.Not.EqualTo(oddId));
    }
}
