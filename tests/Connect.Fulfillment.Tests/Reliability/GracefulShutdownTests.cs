using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Tests.Pipeline;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Cancelling a run mid-batch: every listed request ends in the summary, either fully processed (one transition) or
/// untouched in Connect (no write at all) and reported as retry-later with the reason it was not processed.
/// </summary>
public class GracefulShutdownTests : PipelineTestBase
{
    [Test]
    public async Task Cancelling_mid_batch_accounts_for_every_listed_request()
    {
        var ids = Sandbox.SeedRequests(12, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        using var cts = new CancellationTokenSource();
        var started = 0;
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (_, token) =>
        {
            var n = Interlocked.Increment(ref started);
            if (n <= 3)
            {
                return RequestOutcome.Approve(TemplateId);
            }

            // The fourth and fifth requests are mid vendor call when the host stops.
            if (n == 5)
            {
                inFlight.TrySetResult();
            }

            await Task.Delay(Timeout.Infinite, token);
            return RequestOutcome.Approve(TemplateId);
        });
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 2);

        var run = pipeline.RunOnceAsync(cts.Token);
        await inFlight.Task;
        await cts.CancelAsync();
        var summary = await run;

        var reported = summary.Results.ToDictionary(r => r.RequestId);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Cancelled, Is.True);
            Assert.That(reported.Keys, Is.EquivalentTo(ids), "every listed request is in the summary");
            Assert.That(summary.Approved, Is.EqualTo(3));
            foreach (var id in ids)
            {
                var approved = reported[id].Status == RequestResultStatus.Approved;
                Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo(approved ? "approved" : "pending"), id);
                Assert.That(Writes(id), Has.Count.EqualTo(approved ? 1 : 0), id);
                if (!approved)
                {
                    Assert.That(reported[id].Status, Is.EqualTo(RequestResultStatus.RetryLater), id);
                    Assert.That(reported[id].Reason, Does.Contain("nothing was").And.Contain("cancelled"), id);
                }
            }

            Assert.That(summary.Results.Count(r => r.Reason?.StartsWith("not started", StringComparison.Ordinal) == true), Is.EqualTo(7));
        });
    }
}
