using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>
/// The usage reporter against the sandbox: files created, uploaded as real workbooks that the sandbox parses and
/// checks, and submitted; reruns of the same month in every file state; lost answers reconciled without duplicates.
/// </summary>
public class SandboxEndToEndTests
{
    private const string Product = "PRD-700-000-007";
    private const string Contract1 = "CRD-00000-00000-00071";
    private const string Contract2 = "CRD-00000-00000-00072";
    private static readonly UsagePeriod November = new(2026, 11);

    private ConnectSandbox sandbox = null!;
    private ConnectClient client = null!;
    private TableUsageSource source = null!;

    [SetUp]
    public async Task SetUp()
    {
        sandbox = await ConnectSandbox.StartAsync();
        sandbox.Products.Add(Product, p => p.Name("Metered Compute").PayAsYouGo().PayAsYouGoItem("MPN-CPU").PayAsYouGoItem("MPN-RAM"));
        sandbox.Assets.Add(a => a.Id("AS-701").Product(Product).Contract(Contract1).Environment("production").Item("MPN-CPU").Item("MPN-RAM").Item("MPN-LEGACY"));
        sandbox.Assets.Add(a => a.Id("AS-702").Product(Product).Contract(Contract1).Environment("production").Item("MPN-CPU"));
        sandbox.Assets.Add(a => a.Id("AS-703").Product(Product).Contract(Contract2).Environment("production").Item("MPN-RAM"));
        sandbox.Assets.Add(a => a.Id("AS-704").Product(Product).Contract(Contract2).Status("terminated").Item("MPN-RAM"));
        client = ConnectClient.Create(new ConnectClientOptions
        {
            Endpoint = sandbox.BaseUrl,
            ApiKey = sandbox.ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(5),
        });
        source = new TableUsageSource();
        source.Records["AS-701"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 12.5m }, new UsageRecord { Mpn = "MPN-RAM", Quantity = 3, RecordId = "vendor-line-9" }];
        source.Records["AS-702"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 0 }];
        source.Records["AS-703"] = [new UsageRecord { Mpn = "MPN-RAM", Quantity = 7, StartTime = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), EndTime = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero) }];
        source.Records["AS-704"] = [new UsageRecord { Mpn = "MPN-RAM", Quantity = 99 }];
    }

    [TearDown]
    public async Task TearDown()
    {
        client.Dispose();
        await sandbox.DisposeAsync();
    }

    private Task<UsageReport> ReportAsync(Action<UsageReportingOptions>? configure = null)
    {
        var options = new UsageReportingOptions { ProcessingPollInterval = TimeSpan.Zero, ProcessingTimeout = TimeSpan.FromSeconds(5), Currency = "EUR" };
        options.ProductIds.Add(Product);
        configure?.Invoke(options);
        return new UsageReporter(client, source, Options.Create(options)).ReportAsync(November);
    }

    private UsageFileOutcome File(UsageReport report, string contract) => report.Files.Single(f => f.ContractId == contract);

    /// <summary>The status of every usage file, read through the API (a failed outcome may not carry the file id).</summary>
    private async Task<string[]> StatusesAsync()
    {
        var statuses = new List<string>();
        await foreach (var file in client.ListUsageFilesAsync())
        {
            statuses.Add(file.Status.Value);
        }

        return [.. statuses];
    }

    private int Applied(string pattern) => sandbox.CallLog.Count(e => e.Matches(pattern) && e.StateChanged);

    private int Sent(string pattern) => sandbox.CallLog.Count(e => e.Matches(pattern));

    [Test]
    public async Task Each_contract_gets_one_file_created_uploaded_checked_and_submitted()
    {
        var report = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Select(f => (f.ContractId, f.Kind, f.Created)), Is.EqualTo(new[]
            {
                (Contract1, UsageFileOutcomeKind.Submitted, true),
                (Contract2, UsageFileOutcomeKind.Submitted, true),
            }));
            Assert.That(report.Succeeded, Is.True);
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(2));
        });

        var first = File(report, Contract1);
        var file = sandbox.UsageFiles.Get(first.UsageFileId!)!;
        Assert.Multiple(() =>
        {
            Assert.That(sandbox.UsageFiles.GetStatus(first.UsageFileId!), Is.EqualTo("pending"));
            Assert.That((string?)file["external_id"], Is.EqualTo($"usage-{Product}-{Contract1}-2026-11"));
            Assert.That((string?)file["currency"], Is.EqualTo("EUR"));
            Assert.That((string?)file["period"]!["from"], Is.EqualTo("2026-11-01"));
            Assert.That((string?)file["period"]!["to"], Is.EqualTo("2026-11-30"));
            Assert.That((int?)file["records"]!["valid"], Is.EqualTo(3));
        });
        var records = sandbox.UsageFiles.GetRecords(first.UsageFileId!);
        Assert.That(records.Select(r => (r.RecordId, r.AssetId, r.ItemMpn, r.Quantity)), Is.EqualTo(new[]
        {
            ("AS-701-MPN-CPU-2026-11", "AS-701", "MPN-CPU", (decimal?)12.5m),
            ("vendor-line-9", "AS-701", "MPN-RAM", (decimal?)3m),
            ("AS-702-MPN-CPU-2026-11", "AS-702", "MPN-CPU", (decimal?)0m),
        }));
        Assert.That(records[0].StartTime, Is.EqualTo(November.Start));
        Assert.That(records[0].EndTime, Is.EqualTo(November.End.AddSeconds(-1)));

        var second = sandbox.UsageFiles.GetRecords(File(report, Contract2).UsageFileId!);
        Assert.That(second.Select(r => (r.AssetId, r.Quantity, r.StartTime)), Is.EqualTo(new[] { ("AS-703", (decimal?)7m, new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)) }), "the terminated asset is not reported by default");
    }

    [Test]
    public async Task A_rerun_of_the_month_creates_and_uploads_nothing_more()
    {
        await ReportAsync();
        var creates = Sent("POST /usage/files");
        var uploads = Sent("POST /usage/files/*/upload");

        var again = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(again.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.AlreadySubmitted));
            Assert.That(again.CreatedCount, Is.Zero);
            Assert.That(Sent("POST /usage/files"), Is.EqualTo(creates));
            Assert.That(Sent("POST /usage/files/*/upload"), Is.EqualTo(uploads));
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_draft_left_by_a_failed_upload_is_completed_by_the_rerun()
    {
        sandbox.Faults.Add(FaultRule.For("POST /usage/files/*/upload").ServerError(503));
        var failed = await ReportAsync();
        Assert.That(failed.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Failed));
        Assert.That(await StatusesAsync(), Is.EqualTo(new[] { "draft", "draft" }));
        await AssertFailedPartWayAsync(failed, "draft");
        sandbox.Faults.Clear();

        var rerun = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rerun.Files.Select(f => (f.Kind, f.Created)), Is.All.EqualTo((UsageFileOutcomeKind.Submitted, false)));
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(2));
            Assert.That(Applied("POST /usage/files/*/upload"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_ready_file_left_by_a_failed_submit_is_submitted_by_the_rerun_without_a_new_upload()
    {
        sandbox.Faults.Add(FaultRule.For("POST /usage/files/*/submit").ServerError(503));
        var failed = await ReportAsync();
        Assert.That(failed.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Failed));
        Assert.That(await StatusesAsync(), Is.EqualTo(new[] { "ready", "ready" }));
        await AssertFailedPartWayAsync(failed, "ready");
        sandbox.Faults.Clear();

        var rerun = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rerun.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Sent("POST /usage/files/*/upload"), Is.EqualTo(2));
            Assert.That(Applied("POST /usage/files/*/submit"), Is.EqualTo(2));
            Assert.That(rerun.Files.Select(f => sandbox.UsageFiles.GetStatus(f.UsageFileId!)), Is.All.EqualTo("pending"));
        });
    }

    [Test]
    public async Task Connect_giving_no_answer_fails_that_file_and_the_rest_of_the_run_is_not_attempted()
    {
        var dropped = sandbox.Faults.Add(FaultRule.For("GET /usage/files").DropConnection());

        var report = await ReportAsync(o => o.ProductIds.Add("PRD-700-000-008"));

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Select(f => (f.ProductId, f.ContractId)), Is.EqualTo(new[] { (Product, Contract1), (Product, Contract2), ("PRD-700-000-008", string.Empty) }));
            Assert.That(report.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Failed));
            Assert.That(report.Files.Select(f => f.ConnectError?.StatusCode), Is.All.EqualTo(0));
            Assert.That(File(report, Contract1).Errors[0], Does.Not.StartWith("not attempted"));
            Assert.That(report.Files.Skip(1).Select(f => f.Errors.Single()), Is.All.StartWith("not attempted: Connect could not be reached earlier in this run"));
            Assert.That(File(report, Contract2).ExternalId, Is.EqualTo($"usage-{Product}-{Contract2}-2026-11"));

            // The first file's look-up was tried (with the client's retries); nothing was asked for the rest.
            Assert.That(dropped.FiredCount, Is.GreaterThan(1));
            Assert.That(sandbox.CallLog.Entries.Where(e => e.Query.Contains(Contract2, StringComparison.Ordinal) || e.Path.Contains("PRD-700-000-008", StringComparison.Ordinal)), Is.Empty);
            Assert.That(Sent("POST /usage/files"), Is.Zero);
        });
    }

    /// <summary>A file failed part-way still names the file it made, and carries Connect's error as an outage.</summary>
    private async Task AssertFailedPartWayAsync(UsageReport failed, string status)
    {
        var ids = new List<string?>();
        await foreach (var file in client.ListUsageFilesAsync())
        {
            ids.Add(file.Id);
        }

        Assert.Multiple(() =>
        {
            Assert.That(failed.Files.Select(f => f.UsageFileId), Is.EquivalentTo(ids));
            Assert.That(failed.Files.Select(f => f.Status), Is.All.EqualTo(status));
            Assert.That(failed.Files.Select(f => f.Created), Is.All.True);
            Assert.That(failed.Files.Select(f => f.RecordCount), Is.All.Positive);
            Assert.That(failed.Files.Select(f => f.ConnectError?.StatusCode), Is.All.EqualTo(503));
            Assert.That(failed.Files.Select(f => f.ConnectError?.IsOutcomeUnknown), Is.All.True);
        });
    }

    [TestCase("pending")]
    [TestCase("accepted")]
    [TestCase("rejected")]
    [TestCase("closed")]
    public async Task A_submitted_or_later_file_is_left_alone(string status)
    {
        var first = await ReportAsync();
        var id = File(first, Contract1).UsageFileId!;
        if (status != "pending")
        {
            if (status == "rejected")
            {
                sandbox.UsageFiles.Reject(id, "Wrong quantities.");
            }
            else
            {
                sandbox.UsageFiles.Accept(id);
            }

            if (status == "closed")
            {
                sandbox.UsageFiles.Close(id);
            }
        }

        var calls = sandbox.CallLog.Count(e => e.Method != "GET");
        var rerun = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(File(rerun, Contract1).Kind, Is.EqualTo(UsageFileOutcomeKind.AlreadySubmitted));
            Assert.That(File(rerun, Contract1).Status, Is.EqualTo(status));
            Assert.That(sandbox.UsageFiles.GetStatus(id), Is.EqualTo(status));
            Assert.That(sandbox.CallLog.Count(e => e.Method != "GET"), Is.EqualTo(calls), "a rerun only reads");
        });
    }

    [Test]
    public async Task An_invalid_file_is_reported_with_the_sandbox_errors_and_not_duplicated()
    {
        // MPN-LEGACY is an item of the asset, so the reporter writes it, but not a pay-as-you-go item of the product.
        source.Records["AS-701"] = [new UsageRecord { Mpn = "MPN-LEGACY", Quantity = 1 }];

        var report = await ReportAsync();

        var invalid = File(report, Contract1);
        Assert.Multiple(() =>
        {
            Assert.That(invalid.Kind, Is.EqualTo(UsageFileOutcomeKind.Invalid));
            Assert.That(invalid.Errors.Single(), Does.Contain($"item.mpn \"MPN-LEGACY\" is not a pay-as-you-go item of product {Product}"));
            Assert.That(sandbox.UsageFiles.GetStatus(invalid.UsageFileId!), Is.EqualTo("invalid"));
            Assert.That(File(report, Contract2).Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
        });

        var rerun = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(File(rerun, Contract1).Kind, Is.EqualTo(UsageFileOutcomeKind.Invalid));
            Assert.That(File(rerun, Contract1).UsageFileId, Is.EqualTo(invalid.UsageFileId));
            Assert.That(File(rerun, Contract1).Errors.Single(), Does.Contain("MPN-LEGACY"));
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(2));
            Assert.That(Sent("POST /usage/files/*/upload"), Is.EqualTo(2));
        });
    }

    [TestCase("POST /usage/files", false)]
    [TestCase("POST /usage/files", true)]
    [TestCase("POST /usage/files/*/upload", false)]
    [TestCase("POST /usage/files/*/upload", true)]
    [TestCase("POST /usage/files/*/submit", false)]
    [TestCase("POST /usage/files/*/submit", true)]
    public async Task A_lost_answer_is_reconciled_without_a_duplicate(string pattern, bool abortConnection)
    {
        var rule = sandbox.Faults.Add(FaultRule.For(pattern).LoseResponse(abortConnection).ForNextCalls(1));

        var report = await ReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rule.FiredCount, Is.EqualTo(1));
            Assert.That(report.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(2), "one file per contract");
            Assert.That(Applied("POST /usage/files"), Is.EqualTo(2));
            Assert.That(Applied("POST /usage/files/*/upload"), Is.EqualTo(2));
            Assert.That(Applied("POST /usage/files/*/submit"), Is.EqualTo(2));
            Assert.That(Sent(pattern), Is.EqualTo(2), "the lost call is never sent again");
            Assert.That(report.Files.Select(f => sandbox.UsageFiles.GetStatus(f.UsageFileId!)), Is.All.EqualTo("pending"));
        });
    }

    [Test]
    public async Task A_file_still_processing_is_polled_until_ready()
    {
        sandbox.UsageFiles.ProcessingReads = 3;

        var report = await ReportAsync();

        Assert.That(report.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Submitted));
        Assert.That(Sent("GET /usage/files/*"), Is.GreaterThanOrEqualTo(2 * 4));
    }

    [Test]
    public async Task A_file_processing_past_the_timeout_is_left_for_the_next_run()
    {
        sandbox.UsageFiles.ProcessingReads = 1000;

        var report = await ReportAsync(o => o.ProcessingTimeout = TimeSpan.Zero);

        Assert.That(report.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Processing));
        Assert.That(report.Files.Select(f => sandbox.UsageFiles.GetStatus(f.UsageFileId!)), Is.All.EqualTo("processing"));

        sandbox.UsageFiles.ProcessingReads = 0;
        foreach (var file in report.Files)
        {
            sandbox.UsageFiles.SetStatus(file.UsageFileId!, "ready");
        }

        var rerun = await ReportAsync();
        Assert.That(rerun.Files.Select(f => f.Kind), Is.All.EqualTo(UsageFileOutcomeKind.Submitted));
    }

    // The code in docs/usage.md ("Trying it on the sandbox") is copied from this test; keep them in sync.
    [Test]
    public async Task Docs_example()
    {
        await using var sandbox = await ConnectSandbox.StartAsync();
        sandbox.Products.Add("PRD-123-456-789", p => p.Name("Metered Compute").PayAsYouGo("qt").PayAsYouGoItem("MPN-CPU"));
        var assetId = sandbox.Assets.Add(a => a
            .Product("PRD-123-456-789").Contract("CRD-00000-00000-00001").Environment("production")
            .Item("MPN-CPU").Parameter("subscription_id", "fulfillment", "SUB-1"));

        using var connect = ConnectClient.Create(new ConnectClientOptions { Endpoint = sandbox.BaseUrl, ApiKey = sandbox.ApiKey });
        var options = new UsageReportingOptions { ProcessingPollInterval = TimeSpan.Zero };
        options.ProductIds.Add("PRD-123-456-789");
        var usage = new TableUsageSource();
        usage.Records[assetId] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 12.5m }];
        var report = await new UsageReporter(connect, usage, Options.Create(options)).ReportAsync(UsagePeriod.Parse("2026-11"));

        var fileId = report.Files.Single().UsageFileId!;
        Assert.That(sandbox.UsageFiles.GetStatus(fileId), Is.EqualTo("pending"));
        Assert.That(sandbox.UsageFiles.GetRecords(fileId).Single().Quantity, Is.EqualTo(12.5m));
        sandbox.UsageFiles.Accept(fileId);   // the provider's side, for the next run to find
    }
}
