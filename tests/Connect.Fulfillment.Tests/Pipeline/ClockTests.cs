using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>The handler timeout and the shutdown grace period run on the pipeline's <see cref="TimeProvider"/>.</summary>
public class ClockTests : PipelineTestBase
{
    private FulfillmentPipeline CreatePipeline(FulfillmentHandlers handlers, TimeProvider clock, Action<FulfillmentPipelineOptions>? configure = null)
    {
        var options = new FulfillmentPipelineOptions { Products = [Product], KeepApprovedResults = true };
        configure?.Invoke(options);
        return new FulfillmentPipeline(Client, options, handlers, timeProvider: clock);
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
        var handler = new DelegateHandler((_, _) =>
        {
            cts.Cancel();
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        });

        // The re-read before the transition is where the grace period runs out: 31 s pass on the pipeline's clock.
        Sandbox.Faults.Add(Testing.FaultRule.For("GET", $"/requests/{id}").When(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            return false;
        }));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), clock, o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(30)).RunOnceAsync(cts.Token);

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("grace period ended"));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }
}
