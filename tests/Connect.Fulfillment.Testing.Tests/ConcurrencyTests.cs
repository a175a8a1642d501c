using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class ConcurrencyTests : SandboxTestBase
{
    [Test]
    public async Task Parallel_approvals_and_reads_are_consistent()
    {
        Sandbox.Products.Add("PRD-C", p => p.Template("TL-C"));
        var ids = Sandbox.SeedRequests(200, (_, r) => r.Product("PRD-C").Type("cancel"));

        // Each request is approved twice in parallel: exactly one wins.
        var calls = ids.Concat(ids).Select(async id =>
        {
            using var response = await Http.PostAsJsonAsync($"requests/{id}/approve", new { template_id = "TL-C" });
            return (id, status: (int)response.StatusCode);
        });
        var reads = Enumerable.Range(0, 100).Select(async _ => (int)(await Http.GetAsync("requests?status=pending&limit=50")).StatusCode);
        var results = await Task.WhenAll(calls);
        var readResults = await Task.WhenAll(reads);

        Assert.That(readResults, Has.All.EqualTo(200));
        foreach (var group in results.GroupBy(r => r.id))
        {
            Assert.That(group.Select(g => g.status).Order(), Is.EqualTo(new[] { 200, 400 }), group.Key);
        }

        Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"));
        var (_, body, response) = await GetAsync("requests?status=approved&limit=0");
        Assert.That(ContentRange(response), Is.EqualTo("items 0-0/200"));
        Assert.That(Sandbox.CallLog.Count("POST", "/requests/"), Is.EqualTo(400));
        Assert.That(body, Is.InstanceOf<JsonArray>());
    }
}
