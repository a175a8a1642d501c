namespace Connect.Fulfillment.Samples.Tests;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ProcessorDemoTests
{
    [Test]
    public async Task Without_an_endpoint_it_runs_the_embedded_demo_and_exits_0()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdoutLines.TakeLast(5), Is.EqualTo(new[] { "approved: 6", "failed: 3", "inquired: 0", "skipped: 2", "retry-later: 1" }), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.StdoutLines, Has.Some.Match(@"^PR-\S+ cancel failed: .*'subscription_id'"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^PR-\S+ cancel failed: .*SUB-09999"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^PR-\S+ cancel retry-later: .*503"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^PR-\S+ purchase failed: Order exceeds"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^TCR-\S+ setup skipped: "));
            Assert.That(result.StdoutLines, Does.Contain("subscriptions (final states):"));
            Assert.That(result.StdoutLines.Count(l => l.Contains(" terminated (cancel ", StringComparison.Ordinal) && l.Contains(" approved;", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(result.StdoutLines, Has.Some.Match(@"active \(purchase \S+ approved; .*vendor SUB-\d+ active\)"));
            Assert.That(result.Stderr, Does.Contain("progress: 12/12"));
            Assert.That(result.Stderr, Does.Contain("embedded sandbox demo"));
        });
    }

    [Test]
    public async Task The_demo_also_validates_the_fulfillment_settings()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, null, "--Fulfillment:MaxConcurrency=0");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1).And.Some.Contains("Fulfillment:MaxConcurrency"), result.ToString());
    }
}
