using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// SIGTERM to the worker in the middle of a batch whose vendor calls are slow: the host exits well within its shutdown
/// timeout, and every request is either fully processed (one vendor call, one transition) or untouched in Connect
/// (still pending, no transition, no vendor effect) and named in the log as not processed.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class WorkerShutdownTests
{
    [Test]
    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    public async Task SIGTERM_mid_batch_leaves_every_request_processed_once_or_untouched_and_reported()
    {
        await using var s = await Scenario.StartAsync();
        var fast = new[] { s.CancelOf("SUB-F1"), s.CancelOf("SUB-F2") };
        var slowSubscriptions = Enumerable.Range(1, 6).Select(i => "SUB-S" + i).ToArray();
        var slow = slowSubscriptions.Select(sub => s.CancelOf(sub)).ToArray();
        foreach (var sub in slowSubscriptions)
        {
            s.Vendor.SetBehavior(sub, VendorBehavior.Slow(TimeSpan.FromSeconds(30)));
        }

        var environment = s.Environment();
        environment["Worker__IntervalSeconds"] = "3600";
        environment["Fulfillment__MaxConcurrency"] = "3";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__LogLevel__Connect.Fulfillment.Pipeline"] = "Information";
        using var process = SampleProcess.Start(SampleProcess.WorkerDll, environment);

        foreach (var id in fast)
        {
            await process.WaitForOutputAsync($"Request {id}: approved", TimeSpan.FromSeconds(30));
        }

        // The three slow vendor calls start as the fast requests finish; let them get under way so the stop lands mid-batch.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var signalled = DateTimeOffset.UtcNow;
        process.Signal(15);
        var result = await process.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = DateTimeOffset.UtcNow - signalled;

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(stopping, Is.LessThan(TimeSpan.FromSeconds(15)), "the host should stop well within its shutdown timeout (grace period + 5 s)");
            Assert.That(result.Stdout, Does.Contain("cancelled True"), result.ToString());
            foreach (var id in fast)
            {
                Assert.That(s.Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
                Assert.That(s.Sandbox.CallLog.Count("POST", $"/requests/{id}/approve"), Is.EqualTo(1), id);
            }

            foreach (var sub in new[] { "SUB-F1", "SUB-F2" })
            {
                Assert.That(s.Vendor.CancelCount(sub), Is.EqualTo(1), sub);
            }

            for (var i = 0; i < slow.Length; i++)
            {
                var id = slow[i];
                Assert.That(s.Sandbox.GetRequestStatus(id), Is.EqualTo("pending"), id);
                Assert.That(s.Sandbox.CallLog.Entries.Count(e => e.Method is "POST" or "PUT" && e.RelativePath.Contains(id, StringComparison.Ordinal)), Is.Zero, $"{id} was written to");
                Assert.That(s.Vendor.CancelCount(slowSubscriptions[i]), Is.Zero, $"{slowSubscriptions[i]} was cancelled at the vendor");
                Assert.That(s.Vendor.GetSubscription(slowSubscriptions[i])!.Status, Is.EqualTo("active"));
                Assert.That(result.Stdout, Does.Contain($"Request {id} (cancel) retry-later"), $"{id} is not reported as not processed");
            }

            Assert.That(result.Stdout, Does.Contain("not started: the run was cancelled").And.Contain("the run was cancelled before the handler decided"), "both in-flight and not-started requests are reported");
        });
    }
}
