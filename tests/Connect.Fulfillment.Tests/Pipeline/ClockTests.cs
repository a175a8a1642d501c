using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>The handler timeout and the shutdown grace period run on the pipeline's <see cref="TimeProvider"/>.</summary>
public class ClockTests : PipelineTestBase
{
    private FulfillmentPipeline CreatePipeline(FulfillmentHandlers handlers, TimeProvider clock, Action<FulfillmentPipelineOptions>? configure = null, IConnectClient? client = null)
    {
        var options = new FulfillmentPipelineOptions { Products = [Product], KeepApprovedResults = true };
        configure?.Invoke(options);
        return new FulfillmentPipeline(client ?? Client, options, handlers, timeProvider: clock);
    }

    /// <summary>Waits (on the wall clock, briefly) until the sandbox has seen what the test waits for.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "timed out waiting for " + what);
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task The_handler_timeout_passes_on_the_pipeline_clock()
    {
        var id = AddRequest();
        var clock = new FakeTimeProvider();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (_, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return RequestOutcome.Approve(TemplateId);
        });

        var run = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), clock, o => o.HandlerTimeout = TimeSpan.FromMinutes(5)).RunOnceAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMinutes(5));
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("did not decide within 00:05:00"));
        Assert.That(Writes(), Is.Empty);
    }

    [Test]
    public async Task The_grace_period_after_a_cancellation_passes_on_the_pipeline_clock()
    {
        var id = AddRequest();
        var clock = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var handler = new DelegateHandler((context, _) =>
        {
            cts.Cancel();
            context.SetParameter("subscription_id", "SUB-2");
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });

        // The parameter write before the transition is where the grace period runs out: 31 s pass on the pipeline's clock.
        Sandbox.Faults.Add(Testing.FaultRule.For("PUT", $"/requests/{id}").When(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            return false;
        }));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), clock, o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(30)).RunOnceAsync(cts.Token);

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("grace period ended"));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_transition_is_sent_again_only_after_Retry_After_has_passed_on_the_pipeline_clock()
    {
        var id = AddRequest();
        var clock = new FakeTimeProvider();

        // The client does not retry the 429 itself here, so the pipeline's own retry must honour Retry-After.
        using var client = ConnectClient.Create(new ConnectClientOptions { Endpoint = Sandbox.BaseUrl, ApiKey = Sandbox.ApiKey, MaxRetryAttempts = 0 });
        Sandbox.Faults.Add(Testing.FaultRule.For("POST", "/requests/*/approve").OnCall(1).RateLimit(retryAfterSeconds: 7));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var run = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), clock, o => o.TransitionRetryDelay = TimeSpan.FromMilliseconds(1), client).RunOnceAsync();

        // Once the 429 is answered, time passes on the pipeline's clock in steps of 100 ms until the run ends.
        await WaitUntilAsync(() => CountCalls("GET", $"/requests/{id}") == 1, "the re-read after the 429");
        var advanced = TimeSpan.Zero;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!run.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (CountCalls("POST", $"/requests/{id}/approve") == 1)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                advanced += TimeSpan.FromMilliseconds(100);
            }

            await Task.Delay(5);
        }

        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(advanced, Is.InRange(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(10)), "sent again once Retry-After (7 s) had passed, not before");
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(2));
            Assert.That(CountCalls("GET", $"/requests/{id}"), Is.EqualTo(2), "re-read after the 429 and again just before sending");
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task The_wait_before_sending_again_ends_with_the_grace_period_of_a_cancelled_run()
    {
        var id = AddRequest();
        var clock = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        Sandbox.Faults.Add(Testing.FaultRule.For("POST", "/requests/*/approve").ServerError(503));
        var handler = new DelegateHandler((_, _) =>
        {
            cts.Cancel();
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });
        var run = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), clock, o =>
        {
            o.ShutdownGracePeriod = TimeSpan.FromSeconds(30);
            o.TransitionRetryDelay = TimeSpan.FromMinutes(1);
        }).RunOnceAsync(cts.Token);

        await WaitUntilAsync(() => CountCalls("GET", $"/requests/{id}") == 1, "the re-read after the 503");
        clock.Advance(TimeSpan.FromSeconds(31));
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, id).Reason, Does.Contain("grace period ended"));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1), "not sent again after the grace period");
            Assert.That(summary.Cancelled, Is.True);
        });
    }
}
