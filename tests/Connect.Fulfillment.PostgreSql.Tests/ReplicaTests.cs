using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>Replicas (pipelines with lease providers of their own) sharing one sandbox through a real PostgreSQL.</summary>
[NonParallelizable]
public class ReplicaTests : PostgreSqlTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Two_replicas_make_one_vendor_call_and_one_transition_per_request()
    {
        const int Count = 80;
        var ids = SeedCancels(Count);
        var vendorCalls = new ConcurrentDictionary<string, int>();
        var byReplica = new ConcurrentDictionary<string, int>();
        var bothWorking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> Vendor(string replica) => async (context, cancellationToken) =>
        {
            vendorCalls.AddOrUpdate(context.RequestId, 1, (_, n) => n + 1);
            byReplica.AddOrUpdate(replica, 1, (_, n) => n + 1);
            if (byReplica.Count == 2)
            {
                bothWorking.TrySetResult();
            }

            // The first requests wait (a few seconds at most) for the other replica to start, so that one replica
            // starting faster cannot finish everything alone; a replica that never takes a share still fails below.
            await Task.WhenAny(bothWorking.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
            return RequestOutcome.Approve(TemplateId);
        };
        using var a = StartReplica("replica-a", Vendor("a"));
        using var b = StartReplica("replica-b", Vendor("b"));

        var summaries = await Task.WhenAll(a.Pipeline.RunOnceAsync(), b.Pipeline.RunOnceAsync());

        var skipped = summaries.SelectMany(s => s.Results).Where(r => r.Status == RequestResultStatus.Skipped).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"));
            Assert.That(ids.Select(id => vendorCalls.GetValueOrDefault(id)), Has.All.EqualTo(1), "one vendor call per request");
            Assert.That(Approvals(ids).Values, Has.All.EqualTo(1), "one transition per request");
            Assert.That(summaries.Sum(s => s.Approved), Is.EqualTo(Count), "summed summaries count each request once");
            Assert.That(summaries.Sum(s => s.Failed + s.Inquired + s.RetryLater), Is.Zero);
            Assert.That(skipped.Select(r => r.Reason), Has.All.StartWith("the request is now approved"), "only requests the other replica finished after this one listed them");
            Assert.That(byReplica.Keys, Is.EquivalentTo(new[] { "a", "b" }), "both replicas took a share");
        });

        // A released lease's session ends with its connection, on the server's time: wait for it, within bounds.
        using var released = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.That(async () => await WaitUntilAsync(async () => await Server.AdvisoryLocksAsync() == 0, released.Token), Throws.Nothing, "every lease was released");
    }

    [Test]
    public async Task A_replica_whose_connection_dies_loses_its_leases_and_another_takes_its_requests()
    {
        var ids = SeedCancels(6);
        var started = new ConcurrentDictionary<string, bool>();
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var dying = StartReplica("replica-dying", async (context, cancellationToken) =>
        {
            started[context.RequestId] = true;
            if (started.Count == 6)
            {
                allStarted.TrySetResult();
            }

            // Stands for a long vendor call: it ends only when the pipeline stops the request.
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return RequestOutcome.Approve(TemplateId);
        }, concurrency: 6);
        var taken = new ConcurrentDictionary<string, int>();
        using var survivor = StartReplica("replica-survivor", (context, _) =>
        {
            taken.AddOrUpdate(context.RequestId, 1, (_, n) => n + 1);
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });

        using var stop = new CancellationTokenSource(Patience);
        var dyingRun = dying.Pipeline.RunOnceAsync(stop.Token);
        await allStarted.Task.WaitAsync(stop.Token);

        // While the dying replica holds the leases, the survivor leaves every request alone.
        var whileHeld = await survivor.Pipeline.RunOnceAsync();
        Assert.That(whileHeld.Total, Is.Zero, whileHeld.ToString());

        Assert.That(await Server.TerminateAsync(dying.Name), Is.GreaterThan(0));
        var lost = await dyingRun.WaitAsync(stop.Token);
        await WaitUntilAsync(async () => await Server.AdvisoryLocksAsync() == 0, stop.Token);
        var afterwards = await survivor.Pipeline.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(lost.RetryLater, Is.EqualTo(6), lost.ToString());
            Assert.That(lost.Results.Select(r => r.Reason), Has.All.StartWith("the lease on the request was lost"));
            Assert.That(afterwards.Approved, Is.EqualTo(6), afterwards.ToString());
            Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"));
            Assert.That(ids.Select(id => taken.GetValueOrDefault(id)), Has.All.EqualTo(1));
            Assert.That(Approvals(ids).Values, Has.All.EqualTo(1), "one transition per request");
        });
    }

    [Test]
    public async Task PostgreSQL_restarted_mid_run_loses_and_doubles_nothing()
    {
        const int Count = 60;
        var ids = SeedCancels(Count);
        var completedCalls = new ConcurrentDictionary<string, int>();
        Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> vendor = async (context, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            completedCalls.AddOrUpdate(context.RequestId, 1, (_, n) => n + 1);
            return RequestOutcome.Approve(TemplateId);
        };
        using var a = StartReplica("replica-a", vendor);
        using var b = StartReplica("replica-b", vendor);
        using var stop = new CancellationTokenSource(Patience);
        var summaries = new ConcurrentBag<RunSummary>();
        var failures = new ConcurrentBag<FulfillmentRunException>();
        bool Done() => ids.All(id => Sandbox.GetRequestStatus(id) == "approved");

        // Each replica runs like the hosted worker: run, and after a run that failed or left work, tick again.
        async Task WorkAsync(Replica replica)
        {
            while (!Done() && !stop.IsCancellationRequested)
            {
                try
                {
                    summaries.Add(await replica.Pipeline.RunOnceAsync(stop.Token));
                }
                catch (FulfillmentRunException ex)
                {
                    failures.Add(ex);
                    summaries.Add(ex.Summary);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), stop.Token);
            }
        }

        var workers = Task.WhenAll(WorkAsync(a), WorkAsync(b));
        await WaitUntilAsync(() => Task.FromResult(ids.Count(id => Sandbox.GetRequestStatus(id) == "approved") >= Count / 4), stop.Token);
        await Server.StopServerAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300), stop.Token);
        await Server.StartServerAsync();
        await workers;

        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"), "nothing lost");
            Assert.That(Approvals(ids).Values, Has.All.EqualTo(1), "one transition per request");
            Assert.That(summaries.Sum(s => s.Approved), Is.EqualTo(Count), "each request counted approved once");
            Assert.That(failures, Is.Not.Empty, "a run met the stopped server");
            Assert.That(failures.Select(f => f.Message), Has.All.Contain("lease provider"));
        });
        TestContext.Out.WriteLine($"runs: {summaries.Count}, failed runs: {failures.Count}, vendor calls completed twice: {completedCalls.Count(c => c.Value > 1)}, retry-later: {summaries.Sum(s => s.RetryLater)}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
