using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The processor's usage mode as built, against the standalone sandbox program and its fake vendor (<c>--seed-usage</c>:
/// a pay-as-you-go product, three subscriptions of one contract, the vendor's usage of each).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class UsageModeSandboxTests
{
    private const string Subscriptions = "3";

    [Test]
    public async Task A_month_is_read_from_the_vendor_and_filed_once_and_a_rerun_skips_it()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "0", "--seed-usage", Subscriptions);

        var first = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox), "usage", "--Usage:Period=2026-11");

        Assert.That(first.ExitCode, Is.Zero, first + sandbox.ToString());
        Assert.That(first.StdoutLines.TakeLast(5), Is.EqualTo(new[]
        {
            "files created: 1", "files submitted: 1", "files skipped: 0", "files failed: 0", "records rejected: 0",
        }), first.ToString());
        var vendorCalls = JsonNode.Parse(await sandbox.ViewAsync("vendor-calls"))!.AsArray();
        Assert.That(vendorCalls.Select(c => ((string)c!["method"]!, (string)c["path"]!, (string)c["query"]!, (int)c["status"]!)), Is.EquivalentTo(new[]
        {
            ("GET", "/subscriptions/USUB-000001/usage", "?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", 200),
            ("GET", "/subscriptions/USUB-000002/usage", "?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", 200),
            ("GET", "/subscriptions/USUB-000003/usage", "?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", 200),
        }), first.ToString());
        var file = JsonNode.Parse(await sandbox.ViewAsync("usage-files"))!.AsArray().Single()!;
        var fileId = (string)file["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)file["status"], Is.EqualTo("pending"));
            Assert.That((string?)file["external_id"], Is.EqualTo("usage-PRD-100-000-002-CRD-00000-00000-00100-2026-11"));
            Assert.That((int)file["records"]!, Is.EqualTo(6), "two items of three subscriptions");
            Assert.That(first.StdoutLines, Does.Contain($"usage-PRD-100-000-002-CRD-00000-00000-00100-2026-11 {fileId}: submitted (created, 6 records, status pending)"));
        });
        var afterFirst = await UsageCallsAsync(sandbox);
        Assert.That(afterFirst, Is.EqualTo(new[]
        {
            ("POST", "/usage/files", 201), ("POST", $"/usage/files/{fileId}/upload", 200), ("POST", $"/usage/files/{fileId}/submit", 200),
        }), first.ToString());

        var second = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox), "usage", "--Usage:Period=2026-11");

        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.StdoutLines.TakeLast(5), Is.EqualTo(new[]
        {
            "files created: 0", "files submitted: 0", "files skipped: 1", "files failed: 0", "records rejected: 0",
        }), second.ToString());
        Assert.That(second.StdoutLines, Does.Contain($"usage-PRD-100-000-002-CRD-00000-00000-00100-2026-11 {fileId}: skipped: already submitted (status pending); left alone"));
        Assert.That(await UsageCallsAsync(sandbox), Is.EqualTo(afterFirst), "the rerun wrote nothing to Connect");
        Assert.That(JsonNode.Parse(await sandbox.ViewAsync("usage-files"))!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Without_a_period_it_reports_the_previous_utc_month()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "0", "--seed-usage", "1");

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox), "usage");

        var now = DateTimeOffset.UtcNow;
        var from = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var month = from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdoutLines[0], Is.EqualTo($"usage period: {month}"));
        var call = JsonNode.Parse(await sandbox.ViewAsync("vendor-calls"))!.AsArray().Single()!;
        Assert.That((string?)call["query"], Is.EqualTo(string.Create(CultureInfo.InvariantCulture,
            $"?from={from:yyyy-MM-dd}T00:00:00Z&to={from.AddMonths(1):yyyy-MM-dd}T00:00:00Z")));
        Assert.That((string?)JsonNode.Parse(await sandbox.ViewAsync("usage-files"))!.AsArray().Single()!["external_id"],
            Is.EqualTo($"usage-PRD-100-000-002-CRD-00000-00000-00100-{month}"));
    }

    [Test]
    public async Task With_the_vendor_down_nothing_is_filed_and_it_exits_with_the_vendor_code()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "0", "--seed-usage", Subscriptions);
        var environment = Environment(sandbox);
        environment["Vendor__BaseUrl"] = $"http://127.0.0.1:{Scenario.ClosedPort()}/";
        environment["Vendor__TimeoutSeconds"] = "2";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment, "usage", "--Usage:Period=2026-11");

        Assert.That(result.ExitCode, Is.EqualTo(8), result.ToString());
        Assert.That(result.StdoutLines.TakeLast(5), Is.EqualTo(new[]
        {
            "files created: 0", "files submitted: 0", "files skipped: 0", "files failed: 1", "records rejected: 0",
        }), result.ToString());
        Assert.That(result.StdoutLines, Has.Some.Match(@"^usage-PRD-100-000-002-CRD-00000-00000-00100-2026-11: failed: the usage source failed for asset AS-\S+: the vendor could not be reached for the usage of subscription 'USUB-000001' after 2 retries"));
        Assert.That(result.StderrLines, Has.Some.StartsWith("error: the vendor could not be reached"));
        Assert.That(await UsageCallsAsync(sandbox), Is.Empty, "no usage file is created for a month the vendor could not tell");
    }

    private static Dictionary<string, string?> Environment(SandboxProcess sandbox)
    {
        var environment = sandbox.SampleEnvironment();
        environment["Connect__Products__0"] = sandbox.Ready("usage-product");
        return environment;
    }

    /// <summary>The usage file writes Connect received: method, path, status.</summary>
    private static async Task<(string Method, string Path, int Status)[]> UsageCallsAsync(SandboxProcess sandbox)
        => (await sandbox.CallsAsync())
            .Where(c => c.Method == "POST" && c.Path.StartsWith("/usage/files", StringComparison.Ordinal))
            .Select(c => (c.Method, c.Path, c.Status))
            .ToArray();
}
