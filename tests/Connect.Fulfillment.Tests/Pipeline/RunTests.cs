using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Run-level guarantees: completeness while paging a shrinking set, bounded concurrency, cancellation, dry run, replicas.</summary>
public class RunTests : PipelineTestBase
{
    protected override ConnectSandboxOptions SandboxOptions => new() { MaxPageSize = 7 };

    private static DelegateHandler Counting(ConcurrentDictionary<string, int> calls, Func<FulfillmentRequestContext, RequestOutcome> decide)
        => new(c =>
        {
            calls.AddOrUpdate(c.RequestId, 1, (_, n) => n + 1);
            return decide(c);
        });

    [TestCase(1)]
    [TestCase(3)]
    public async Task Every_request_is_handled_exactly_once_when_the_server_caps_pages_and_approvals_shrink_the_set(int concurrency)
    {
        var ids = Sandbox.SeedRequests(50, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var calls = new ConcurrentDictionary<string, int>();

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, Counting(calls, _ => RequestOutcome.Approve(TemplateId))), o => o.MaxConcurrency = concurrency).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(calls.Keys, Is.EquivalentTo(ids));
            Assert.That(calls.Values, Has.All.EqualTo(1));
            Assert.That(summary.Results.Select(r => r.RequestId), Is.EquivalentTo(ids));
            Assert.That(summary.Approved, Is.EqualTo(50));
            Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"));
            Assert.That(Sandbox.CallLog.Where(e => e.Method == "GET" && e.RelativePath == "/requests").Select(e => e.Query), Has.All.Contain("limit=100"), "the client asks for 100, the server gives 7");
        });
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task Every_request_is_handled_exactly_once_when_some_stay_pending(int concurrency)
    {
        var ids = Sandbox.SeedRequests(50, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var calls = new ConcurrentDictionary<string, int>();
        var decide = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (x.i % 3) switch
        {
            0 => RequestOutcome.RetryLater("vendor busy"),
            1 when x.i % 2 == 0 => RequestOutcome.Skip("not ours"),
            _ => RequestOutcome.Approve(TemplateId),
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, Counting(calls, c => decide[c.RequestId])), o => o.MaxConcurrency = concurrency).RunOnceAsync();

        var stayPending = decide.Where(d => d.Value.Kind != OutcomeKind.Approve).Select(d => d.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(calls.Keys, Is.EquivalentTo(ids));
            Assert.That(calls.Values, Has.All.EqualTo(1));
            Assert.That(summary.Results, Has.Count.EqualTo(50));
            Assert.That(summary.Results.Select(r => r.RequestId).Distinct().Count(), Is.EqualTo(50));
            Assert.That(summary.Approved, Is.EqualTo(50 - stayPending.Count));
            Assert.That(stayPending.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("pending"));
        });
    }

    [Test]
    public async Task A_second_run_picks_up_what_the_first_left_pending()
    {
        var ids = Sandbox.SeedRequests(10, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var first = true;
        var handler = new DelegateHandler(_ => first ? RequestOutcome.RetryLater("not yet") : RequestOutcome.Approve(TemplateId));
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler));

        var run1 = await pipeline.RunOnceAsync();
        first = false;
        var run2 = await pipeline.RunOnceAsync();

        Assert.That(run1.RetryLater, Is.EqualTo(10));
        Assert.That(run2.Approved, Is.EqualTo(10));
        Assert.That(ids.Select(Sandbox.GetRequestStatus), Has.All.EqualTo("approved"));
    }

    [Test]
    public async Task Concurrency_never_exceeds_the_bound()
    {
        Sandbox.SeedRequests(20, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var current = 0;
        var max = 0;
        var threeRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (_, token) =>
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            if (now == 3)
            {
                threeRunning.TrySetResult();
            }

            // The first three wait for each other, so the bound is reached; a fourth would show up as max 4.
            await threeRunning.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
            await Task.Yield();
            Interlocked.Decrement(ref current);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 3).RunOnceAsync();

        Assert.That(summary.Approved, Is.EqualTo(20));
        Assert.That(max, Is.EqualTo(3));
    }

    [Test]
    public async Task Cancelling_mid_run_reports_every_applied_outcome_and_leaves_the_rest_pending()
    {
        var ids = Sandbox.SeedRequests(20, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        using var cts = new CancellationTokenSource();
        var handled = 0;
        var handler = new DelegateHandler((c, _) =>
        {
            if (Interlocked.Increment(ref handled) == 5)
            {
                // The fifth decision is taken as the host shuts down: it must still be applied and reported.
                cts.Cancel();
            }

            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 2).RunOnceAsync(cts.Token);

        var reported = summary.Results.ToDictionary(r => r.RequestId);
        var touched = ids.Where(id => Sandbox.GetRequestStatus(id) != "pending").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Cancelled, Is.True);
            Assert.That(touched, Is.Not.Empty);
            Assert.That(touched.Count, Is.LessThan(ids.Count), "the run stopped early");
            Assert.That(touched.Where(id => !reported.ContainsKey(id)), Is.Empty, "no applied outcome goes unreported");
            Assert.That(summary.Results.Where(r => r.Status == RequestResultStatus.Approved).Select(r => Sandbox.GetRequestStatus(r.RequestId)), Has.All.EqualTo("approved"));
            Assert.That(summary.Results.Where(r => r.Status != RequestResultStatus.Approved).Select(r => Sandbox.GetRequestStatus(r.RequestId)), Has.All.EqualTo("pending"));
        });
    }

    [Test]
    public async Task Cancelling_while_a_handler_waits_applies_nothing_for_it()
    {
        var id = AddRequest();
        using var cts = new CancellationTokenSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (_, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return RequestOutcome.Approve(TemplateId);
        });

        var run = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync(cts.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        var summary = await run;

        Assert.That(summary.Cancelled, Is.True);
        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("cancelled before the handler decided"));
        Assert.That(Writes(), Is.Empty);
    }

    [Test]
    public async Task An_outcome_decided_when_the_grace_period_is_over_is_reported_as_not_applied()
    {
        var id = AddRequest();
        using var cts = new CancellationTokenSource();
        var handler = new DelegateHandler((_, _) =>
        {
            cts.Cancel();
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.ShutdownGracePeriod = TimeSpan.Zero).RunOnceAsync(cts.Token);

        var result = ResultOf(summary, id);
        Assert.That(summary.Cancelled, Is.True);
        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(result.Reason, Does.Contain("grace period"));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task When_listing_fails_midway_the_requests_in_progress_are_finished_and_reported()
    {
        var ids = Sandbox.SeedRequests(10, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var lists = 0;
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").When(_ => Interlocked.Increment(ref lists) > 1).ServerError());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync());

        var approved = ids.Where(id => Sandbox.GetRequestStatus(id) == "approved").ToList();
        Assert.That(approved, Has.Count.EqualTo(7), "the first page (server cap 7)");
        Assert.That(error!.Summary.Results.Select(r => r.RequestId), Is.EquivalentTo(approved));
        Assert.That(error.Summary.Approved, Is.EqualTo(7));
    }

    [Test]
    public async Task Dry_run_writes_nothing_and_reports_what_it_would_do()
    {
        var approve = AddRequest("purchase");
        var fail = AddRequest("suspend");
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Purchase, new DelegateHandler(c =>
            {
                c.SetParameter("subscription_id", "SUB-NEW");
                return RequestOutcome.Approve();
            }))
            .Add(RequestType.Suspend, new DelegateHandler(c => c.IsDryRun ? RequestOutcome.Fail("would fail") : throw new InvalidOperationException("not a dry run")));

        var summary = await CreatePipeline(handlers, o => o.DryRun = true).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Sandbox.CallLog.Count(e => e.Method is "PUT" or "POST"), Is.Zero);
            Assert.That(ResultOf(summary, approve).IsDryRun, Is.True);
            Assert.That(ResultOf(summary, approve).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, approve).Reason, Does.StartWith("dry run: would approve"));
            Assert.That(ResultOf(summary, fail).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(ResultOf(summary, fail).Reason, Is.EqualTo("dry run: would fail: would fail"));
            Assert.That(Sandbox.GetRequestStatus(approve), Is.EqualTo("pending"));
            Assert.That(Sandbox.GetRequestParameterValue(approve, "subscription_id"), Is.EqualTo("SUB-1"));
        });
    }

    [Test]
    public async Task Template_names_are_resolved_once_per_product_per_run()
    {
        Sandbox.SeedRequests(20, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve());
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 4);

        var summary = await pipeline.RunOnceAsync();

        Assert.That(summary.Approved, Is.EqualTo(20));
        Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.EqualTo(1));
        Assert.That(Sandbox.CallLog.Where(e => e.RelativePath.EndsWith("/approve", StringComparison.Ordinal)).Select(e => (string?)e.ParseBody()?["template_id"]), Has.All.EqualTo(TemplateId));

        // The cache lives for one run: a new run looks the template up again (it may have been renamed).
        Sandbox.SeedRequests(2, (i, r) => r.Type("cancel").Product(Product));
        await pipeline.RunOnceAsync();
        Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_failed_template_lookup_is_not_cached_for_the_rest_of_the_run()
    {
        var ids = Sandbox.SeedRequests(5, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        // The first lookup and its three retries fail; the next lookup works.
        Sandbox.Faults.Add(FaultRule.For("GET", $"/products/{Product}/templates").ForNextCalls(4).ServerError());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve());

        // One attempt per run, so that the failed lookup is not tried again within the request.
        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o =>
        {
            o.MaxConcurrency = 1;
            o.MaxTransitionAttempts = 1;
        }).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, ids[0]).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, ids[0]).Reason, Does.Contain("could not look up template").And.Contain(Product));
            Assert.That(summary.Approved, Is.EqualTo(4));
            Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.EqualTo(5), "four failed attempts, then one lookup for the rest of the run");
        });
    }

    [Test]
    public async Task A_template_that_is_not_found_is_retry_later_naming_product_and_template()
    {
        var id = AddRequest();
        var handler = new DelegateHandler(_ => RequestOutcome.ApproveWithTemplateName("Premium Activation"));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(result.Reason, Does.Contain("Premium Activation").And.Contain(Product));
        Assert.That(Writes(), Is.Empty);
    }
}
