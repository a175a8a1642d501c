using System.Collections.Concurrent;
using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Tests.Pipeline;

namespace Connect.Fulfillment.Tests.Coordination;

/// <summary>The pipeline works on a request only while it holds the request's lease, and stops when it loses it.</summary>
public class LeaseTests : PipelineTestBase
{
    [Test]
    public async Task The_in_process_provider_hands_a_lease_to_one_holder_at_a_time()
    {
        var provider = new InProcessRequestLeaseProvider();

        var first = await provider.TryAcquireAsync("PR-1");
        var second = await provider.TryAcquireAsync("PR-1");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(first!.RequestId, Is.EqualTo("PR-1"));
            Assert.That(first.LostToken.CanBeCanceled, Is.False);
            Assert.That(second, Is.Null);
        });

        await first!.DisposeAsync();
        var third = await provider.TryAcquireAsync("PR-1");
        await first.DisposeAsync();
        Assert.That(third, Is.Not.Null);
        Assert.That(await provider.TryAcquireAsync("PR-1"), Is.Null, "a late second release of the first lease must not free the third");
    }

    [Test]
    public async Task A_request_whose_lease_is_held_elsewhere_is_left_without_any_call_and_not_reported()
    {
        var ids = Sandbox.SeedRequests(12, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var leases = new TestLeases(new InProcessRequestLeaseProvider());
        var held = new List<IRequestLease>();
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            held.Add((await leases.Inner.TryAcquireAsync(id))!);
        }

        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), leases: leases).RunOnceAsync();

        var heldIds = held.Select(l => l.RequestId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Approved, Is.EqualTo(8));
            Assert.That(summary.Results.Select(r => r.RequestId), Is.EquivalentTo(ids.Except(heldIds)));
            Assert.That(heldIds.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("pending"));
            Assert.That(Sandbox.CallLog.Count(e => heldIds.Any(id => e.RelativePath.Contains(id, StringComparison.Ordinal))), Is.Zero, "no call for a held request beyond the listing");
            Assert.That(handler.Calls, Is.EqualTo(8));
        });

        foreach (var lease in held)
        {
            await lease.DisposeAsync();
        }

        Assert.That(await Task.WhenAll(ids.Select(async id => await leases.Inner.TryAcquireAsync(id) is not null)), Has.All.True, "every lease the run took was released");
    }

    [Test]
    public async Task A_request_another_replica_finished_after_the_listing_is_skipped_with_that_reason_without_a_handler_call()
    {
        var done = AddRequest();
        var open = AddRequest();
        var leases = new TestLeases(new InProcessRequestLeaseProvider())
        {
            // Another replica approves the request between this one's listing and its lease.
            BeforeAcquire = async id =>
            {
                if (id == done)
                {
                    await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
                }
            },
        };
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), leases: leases).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, done).Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(ResultOf(summary, done).Reason, Does.StartWith("the request is now approved"));
            Assert.That(ResultOf(summary, open).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(handler.Calls, Is.EqualTo(1));
            Assert.That(Writes(done), Has.Count.EqualTo(1), "only the other replica's approval");
        });
    }

    [Test]
    public async Task A_lease_lost_while_the_handler_runs_stops_the_request_as_retry_later_without_a_transition()
    {
        var id = AddRequest();
        var leases = new TestLeases(new InProcessRequestLeaseProvider());
        var handler = new DelegateHandler(async (context, cancellationToken) =>
        {
            leases.Lose(context.RequestId);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), leases: leases).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, id).Reason, Is.EqualTo(RequestProcessor.LeaseLostReason));
            Assert.That(Writes(id), Is.Empty);
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
        });
    }

    [Test]
    public async Task A_lease_lost_after_the_handler_decided_stops_before_the_transition()
    {
        var id = AddRequest();
        var leases = new TestLeases(new InProcessRequestLeaseProvider());
        var handler = new DelegateHandler(context =>
        {
            leases.Lose(context.RequestId);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), leases: leases).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, id).Reason, Is.EqualTo(RequestProcessor.LeaseLostReason));
            Assert.That(Writes(id), Is.Empty);
        });
    }

    // One worker: the first failure is seen before any other request is handed out, so exactly one attempt is made.
    // Several workers: each may already be asking when the first answer fails, but none asks again after that.
    [TestCase(1, 5, 1)]
    [TestCase(3, 40, 3)]
    public void When_the_provider_fails_no_request_starts_and_the_run_reports_it(int concurrency, int count, int maxAttempts)
    {
        var ids = Sandbox.SeedRequests(count, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var broken = new InvalidOperationException("the lease store is down");
        var leases = new TestLeases(new InProcessRequestLeaseProvider()) { BeforeAcquire = _ => throw broken };
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = concurrency, leases: leases);

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => pipeline.RunOnceAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.InnerException, Is.SameAs(broken));
            Assert.That(error.Message, Does.Contain("lease provider"));
            Assert.That(error.Summary.Total, Is.Zero);
            Assert.That(handler.Calls, Is.Zero);
            Assert.That(leases.Attempts, Is.InRange(1, maxAttempts), "after the first failure the run stops asking");
            Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("pending"));
        });
    }

    [Test]
    public async Task Processing_by_id_skips_a_request_whose_lease_is_held_without_reading_it()
    {
        var id = AddRequest();
        var leases = new InProcessRequestLeaseProvider();
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), leases: leases);
        await using (await leases.TryAcquireAsync(id))
        {
            var skipped = await pipeline.ProcessAsync(id);

            Assert.Multiple(() =>
            {
                Assert.That(skipped.Status, Is.EqualTo(RequestResultStatus.Skipped));
                Assert.That(skipped.Reason, Is.EqualTo(FulfillmentPipeline.LeaseHeldReason));
                Assert.That(Sandbox.CallLog.Total, Is.Zero);
            });
        }

        var approved = await pipeline.ProcessAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(approved.Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(handler.Calls, Is.EqualTo(1));
        });
        Assert.That(await leases.TryAcquireAsync(id), Is.Not.Null, "released after processing");
    }

    /// <summary>Stands for a provider that spans processes: leases that a test can take away, and a hook before each attempt.</summary>
    private sealed class TestLeases(InProcessRequestLeaseProvider inner) : IRequestLeaseProvider
    {
        private readonly ConcurrentDictionary<string, CancellationTokenSource> lost = new();
        private int attempts;

        public InProcessRequestLeaseProvider Inner => inner;

        public Func<string, Task>? BeforeAcquire { get; init; }

        public int Attempts => Volatile.Read(ref attempts);

        public void Lose(string requestId) => lost[requestId].Cancel();

        public async ValueTask<IRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref attempts);
            if (BeforeAcquire is { } before)
            {
                await before(requestId);
            }

            var lease = await inner.TryAcquireAsync(requestId, cancellationToken);
            if (lease is null)
            {
                return null;
            }

            var source = lost[requestId] = new CancellationTokenSource();
            return new Lease(lease, source.Token);
        }

        private sealed class Lease(IRequestLease inner, CancellationToken lostToken) : IRequestLease
        {
            public string RequestId => inner.RequestId;

            public CancellationToken LostToken => lostToken;

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
