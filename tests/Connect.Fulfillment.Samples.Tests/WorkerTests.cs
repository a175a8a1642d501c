namespace Connect.Fulfillment.Samples.Tests;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public class WorkerTests
{
    [Test]
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
    public async Task The_worker_rejects_an_invalid_interval_with_exit_2()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.WorkerDll, new Dictionary<string, string?> { ["Worker__IntervalSeconds"] = "0" });

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.Contain("Worker:IntervalSeconds"));
    }
}
