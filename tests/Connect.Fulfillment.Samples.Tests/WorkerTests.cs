using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Tests;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public class WorkerTests
{
    [Test]
    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    public async Task The_worker_runs_the_demo_on_a_timer_reports_healthy_and_stops_on_SIGTERM()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Worker__IntervalSeconds"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
        };
        using var process = SampleProcess.Start(SampleProcess.WorkerDll, environment);

        await process.WaitForOutputAsync("Run 2 finished", TimeSpan.FromSeconds(25));
        await process.WaitForOutputAsync("Health Healthy", TimeSpan.FromSeconds(10));
        process.Signal(15);
        var result = await process.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("Run 1 finished").And.Contain("approved 6, failed 3, inquired 0, skipped 2, retry-later 1"));
        Assert.That(result.Stdout, Does.Contain("Fulfillment worker stopped"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    public async Task SIGTERM_mid_run_applies_decided_outcomes_logs_the_cancelled_run_and_exits_0()
    {
        await using var s = await Scenario.StartAsync();
        var fast = s.CancelOf("SUB-FAST");
        var slow = s.CancelOf("SUB-SLOW");
        s.Vendor.SetBehavior("SUB-SLOW", VendorBehavior.Slow(TimeSpan.FromSeconds(20)));
        var environment = s.Environment();
        environment["Worker__IntervalSeconds"] = "60";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__LogLevel__Connect.Fulfillment.Pipeline"] = "Information";
        using var process = SampleProcess.Start(SampleProcess.WorkerDll, environment);

        await process.WaitForOutputAsync($"Request {fast}: approved", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        process.Signal(15);
        var result = await process.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("approved 1, failed 0, inquired 0, skipped 0, retry-later 1, cancelled True"), result.ToString());
        Assert.That(result.Stdout, Does.Contain($"Request {slow} (cancel) retry-later"));
        Assert.That(s.Sandbox.GetRequestStatus(fast), Is.EqualTo("approved"));
        Assert.That(s.Sandbox.GetRequestStatus(slow), Is.EqualTo("pending"));
    }

    [Test]
    public async Task The_worker_rejects_an_invalid_interval_with_exit_2()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.WorkerDll, new Dictionary<string, string?> { ["Worker__IntervalSeconds"] = "0" });

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.Contain("Worker:IntervalSeconds"));
    }
}
