namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The processor's usage mode as built, run as a process on the embedded demo and with bad periods.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class UsageModeTests
{
    [Test]
    public async Task Without_an_endpoint_it_reports_the_demo_usage_and_exits_0_with_the_summary()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, null, "usage", "--Usage:Period=2026-11");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdoutLines.TakeLast(5), Is.EqualTo(new[]
        {
            "files created: 2", "files submitted: 2", "files skipped: 0", "files failed: 0", "records rejected: 0",
        }), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.StdoutLines[0], Is.EqualTo("usage period: 2026-11"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^usage-PRD-276-377-546-CRD-00000-00000-10001-2026-11 UF-\S+: submitted \(created, 5 records, status pending\)$"));
            Assert.That(result.StdoutLines, Has.Some.Match(@"^usage-PRD-276-377-546-CRD-00000-00000-10002-2026-11 UF-\S+: submitted \(created, 2 records, status pending\)$"));
            Assert.That(result.StdoutLines, Does.Contain("usage files (sandbox):"));
            Assert.That(result.StdoutLines.Count(l => l.StartsWith("  UF-", StringComparison.Ordinal) && l.Contains(" pending (", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(result.Stderr, Does.Contain("embedded sandbox demo"));
            Assert.That(result.Stderr, Does.Contain("usage: reporting 2026-11 (2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z)"));
        });
    }

    [TestCase("2026-13")]
    [TestCase("November")]
    [TestCase("2026-1")]
    [TestCase("2026-11-01")]
    public async Task A_period_that_is_not_a_yyyy_MM_month_is_invalid_configuration(string period)
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, null, "usage", $"--Usage:Period={period}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Is.EqualTo($"error: Usage:Period must be a month written yyyy-MM, for example {PreviousMonth()}; got '{period}'."));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public async Task A_month_that_is_not_over_is_refused_because_a_file_is_submitted_once()
    {
        var current = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, null, "usage", $"--Usage:Period={current}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1).And.Some.StartsWith($"error: Usage:Period {current} is not over yet"), result.ToString());
    }

    [Test]
    public async Task Without_usage_as_first_argument_a_period_is_ignored_and_requests_are_processed()
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, null, "--Usage:Period=garbage");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdoutLines.TakeLast(5).First(), Is.EqualTo("approved: 6"), result.ToString());
    }

    internal static string PreviousMonth()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
