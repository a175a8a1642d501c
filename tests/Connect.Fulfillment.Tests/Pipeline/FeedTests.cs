using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>The polling feed on its own, and the claim seam where leases decide who takes a request.</summary>
public class FeedTests : PipelineTestBase
{
    protected override ConnectSandboxOptions SandboxOptions => new() { MaxPageSize = 7 };

    [Test]
    public async Task A_claim_that_declines_requests_leaves_them_unreported_and_the_others_are_yielded_once()
    {
        var ids = Sandbox.SeedRequests(30, (i, r) => r.Type("cancel").Product(Product));
        var declined = ids.Where((_, i) => i % 3 == 0).ToHashSet();
        var operations = new FulfillmentOperations(Client, new FulfillmentHandlers(), new RequestQuery { ProductIds = [Product], Statuses = [RequestStatus.Pending] }, [RequestStatus.Pending]);
        var reported = new List<RequestResult>();
        var feed = new PollingFeed(operations, maxPasses: 5, concurrency: 2, reported.Add, NullLogger.Instance);
        var claim = new DecliningClaim(declined);

        // As the pipeline's workers do: take the lease after the feed hands the request out, and tell the feed.
        var yielded = new List<string>();
        var taken = new List<string>();
        await foreach (var item in feed.ReadAsync(CancellationToken.None))
        {
            yielded.Add(item.Id);
            if (!await claim.TryClaimAsync(item, CancellationToken.None))
            {
                feed.Declined(item);
                continue;
            }

            taken.Add(item.Id);
            feed.Completed(item, item.Status);
        }

        Assert.Multiple(() =>
        {
            Assert.That(yielded, Is.EquivalentTo(ids), "each listed request is handed out once, declined ones included");
            Assert.That(taken, Is.EquivalentTo(ids.Except(declined)), "each request this process claims, once");
            Assert.That(reported, Is.Empty);
            Assert.That(feed.ListingError, Is.Null);
        });
    }

    [Test]
    public async Task Requests_listed_but_not_handed_out_when_the_run_is_cancelled_are_reported_not_started()
    {
        var ids = Sandbox.SeedRequests(5, (i, r) => r.Type("cancel").Product(Product));
        var operations = new FulfillmentOperations(Client, new FulfillmentHandlers(), new RequestQuery { ProductIds = [Product], Statuses = [RequestStatus.Pending] }, [RequestStatus.Pending]);
        var reported = new List<RequestResult>();
        var feed = new PollingFeed(operations, maxPasses: 5, concurrency: 1, reported.Add, NullLogger.Instance);
        using var cts = new CancellationTokenSource();

        var yielded = new List<string>();
        await foreach (var item in feed.ReadAsync(cts.Token))
        {
            yielded.Add(item.Id);
            await cts.CancelAsync();
            feed.Completed(item, item.Status);
        }

        Assert.Multiple(() =>
        {
            Assert.That(yielded, Is.EqualTo(new[] { ids[0] }));
            Assert.That(reported.Select(r => r.RequestId), Is.EqualTo(ids.Skip(1)));
            Assert.That(reported.Select(r => r.Reason), Has.All.StartWith("not started"));
            Assert.That(reported.Select(r => r.Status), Has.All.EqualTo(RequestResultStatus.RetryLater));
        });
    }

    /// <summary>Stands for a lease held elsewhere: declines the given requests at the last moment.</summary>
    private sealed class DecliningClaim(HashSet<string> declined) : RequestClaim
    {
        public override ValueTask<bool> TryClaimAsync(WorkItem item, CancellationToken cancellationToken) => ValueTask.FromResult(!declined.Contains(item.Id));
    }
}
