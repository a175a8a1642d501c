using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>The reporter against a WireMock Connect: files per contract, workbook contents, held-back records, schemas.</summary>
public class UsageReporterTests : UsageConnectTestBase
{

    [Test]
    public async Task A_new_period_creates_uploads_and_submits_one_file_with_every_valid_record()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"), UsageConnect.Asset("AS-2"));
        Connect.GivenFiles();
        Connect.GivenHappyFileCalls();
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 12.5m, RecordId = "vendor-line-1" }];
        Source.Records["AS-2"] = [
            new UsageRecord { Mpn = "MPN-RAM", Quantity = 3, StartTime = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.FromHours(2)), EndTime = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), Note = "burst" },
            new UsageRecord { Mpn = "MPN-RAM", Quantity = 0 },
        ];

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        var file = report.Files.Single();
        Assert.Multiple(() =>
        {
            Assert.That(file.Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(file.Created, Is.True);
            Assert.That(file.RecordCount, Is.EqualTo(3));
            Assert.That(file.ExternalId, Is.EqualTo("usage-PRD-123-456-789-CRD-00000-00000-00001-2026-11"));
            Assert.That(report.Succeeded, Is.True);
            Assert.That((report.CreatedCount, report.SubmittedCount, report.SkippedCount), Is.EqualTo((1, 1, 0)));
            Assert.That(Connect.Calls("POST", "/usage/files").Single().RequestMessage.Body, Is.EqualTo(
                """{"name":"Usage 2026-11 PRD-123-456-789 CRD-00000-00000-00001","period":{"from":"2026-11-01","to":"2026-11-30"},"product":{"id":"PRD-123-456-789"},"contract":{"id":"CRD-00000-00000-00001"},"description":"Usage of 2026-11 reported by Connect.Fulfillment.Usage.","external_id":"usage-PRD-123-456-789-CRD-00000-00000-00001-2026-11"}"""));
            Assert.That(Connect.Calls("POST", "/submit"), Has.Count.EqualTo(1));
            Assert.That(Connect.Calls("GET", "/usage/files").Single().RequestMessage.RawQuery, Is.EqualTo(
                "?and(in(product.id,(PRD-123-456-789)),in(external_id,(usage-PRD-123-456-789-CRD-00000-00000-00001-2026-11)))&limit=100&offset=0"));
            Assert.That(Connect.Calls("GET", "/assets").Single().RequestMessage.RawQuery, Is.EqualTo(
                "?and(in(product.id,(PRD-123-456-789)),in(status,(active,suspended,terminating)))&limit=100&offset=0"));
        });

        var (sheets, rows) = WorkbookReader.Read(Connect.UploadedWorkbook());
        Assert.Multiple(() =>
        {
            Assert.That(sheets, Is.EqualTo(new[] { "usage_records" }));
            Assert.That(rows[0], Is.EqualTo(new[]
            {
                "record_id", "record_note", "item_search_criteria", "item_search_value", "amount", "quantity", "start_time_utc",
                "end_time_utc", "asset_search_criteria", "asset_search_value", "item_name", "item_mpn", "item_precision",
                "category_id", "asset_recon_id", "tier",
            }));
            Assert.That(rows, Has.Count.EqualTo(4));
            Assert.That(rows[1].Take(10), Is.EqualTo(new[] { "vendor-line-1", string.Empty, "item.mpn", "MPN-CPU", string.Empty, "12.5", "2026-11-01 00:00:00", "2026-11-30 23:59:59", "asset.id", "AS-1" }));
            Assert.That(rows[2].Take(10), Is.EqualTo(new[] { "AS-2-MPN-RAM-2026-11", "burst", "item.mpn", "MPN-RAM", string.Empty, "3", "2026-11-01 23:00:00", "2026-11-03 00:00:00", "asset.id", "AS-2" }));
            Assert.That(rows[3][0], Is.EqualTo("AS-2-MPN-RAM-2026-11-2"), "a second record of the same item gets a distinct, stable id");
            Assert.That(rows[1][11], Is.EqualTo("MPN-CPU"));
        });
    }

    [Test]
    public async Task Each_contract_gets_its_own_file()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"), UsageConnect.Asset("AS-2", contractId: "CRD-00000-00000-00002"));
        Connect.GivenFiles();
        Connect.GivenHappyFileCalls();
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 }];
        Source.Records["AS-2"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 2 }];

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        var creates = Connect.Calls("POST", "/usage/files").Select(c => c.RequestMessage.Body).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Select(f => f.ContractId), Is.EqualTo(new[] { "CRD-00000-00000-00001", "CRD-00000-00000-00002" }));
            Assert.That(creates, Has.Count.EqualTo(2));
            Assert.That(creates[0], Does.Contain("\"contract\":{\"id\":\"CRD-00000-00000-00001\"}"));
            Assert.That(creates[1], Does.Contain("\"contract\":{\"id\":\"CRD-00000-00000-00002\"}"));
        });
    }

    [Test]
    public async Task Rejected_records_hold_the_file_back_and_are_reported_clearly()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Connect.GivenHappyFileCalls();
        Source.Records["AS-1"] = [
            new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 },
            new UsageRecord { Mpn = "MPN-GPU", Quantity = 1 },
            new UsageRecord { Mpn = "MPN-CPU", Quantity = -2 },
        ];

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.HeldBack));
            Assert.That(report.RejectedRecordCount, Is.EqualTo(2));
            Assert.That(report.RejectedRecords.Select(r => r.Reason), Is.EqualTo(new[]
            {
                "item MPN \"MPN-GPU\" is not an item of asset AS-1",
                "quantity -2 is negative",
            }));
            Assert.That(report.RejectedRecords.Select(r => r.AssetId), Has.All.EqualTo("AS-1"));
            Assert.That(report.Succeeded, Is.False);
            Assert.That(Connect.Calls("POST", "/usage/files"), Is.Empty, "nothing is created for a held-back month");
        });
    }

    [Test]
    public async Task With_UploadWhenRecordsRejected_the_valid_records_are_uploaded_and_the_bad_ones_left_out()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Connect.GivenHappyFileCalls();
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 }, new UsageRecord { Mpn = "MPN-GPU", Quantity = 1 }];

        var report = await UsageConnect.Reporter(Client, Source, o => o.UploadWhenRecordsRejected = true).ReportAsync(November);

        var (_, rows) = WorkbookReader.Read(Connect.UploadedWorkbook());
        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(report.Files.Single().RejectedCount, Is.EqualTo(1));
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows[1][3], Is.EqualTo("MPN-CPU"));
        });
    }

    [Test]
    public async Task Rejected_records_are_all_counted_but_only_the_first_ones_kept()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Source.Records["AS-1"] = Enumerable.Range(1, 50).Select(i => new UsageRecord { Mpn = "MPN-CPU", Quantity = -i }).ToList();

        var report = await UsageConnect.Reporter(Client, Source, o => o.MaxRejectedRecordsKept = 3).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.RejectedRecordCount, Is.EqualTo(50));
            Assert.That(report.RejectedRecords.Select(r => r.Record.Quantity), Is.EqualTo(new[] { -1m, -2m, -3m }));
            Assert.That(report.Files.Single().RejectedCount, Is.EqualTo(50));
        });
    }

    [Test]
    public async Task An_asset_of_another_product_is_rejected_record_by_record()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-9", productId: "PRD-999-999-999"));
        Connect.GivenFiles();
        Source.Records["AS-9"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 }];

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.That(report.RejectedRecords.Single().Reason, Is.EqualTo("asset AS-9 belongs to product PRD-999-999-999, not PRD-123-456-789"));
    }

    [Test]
    public async Task A_contract_without_usage_creates_no_file()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.NoUsage));
            Assert.That(Connect.Calls("POST", "/usage/files"), Is.Empty);
        });
    }

    [Test]
    public async Task A_failing_source_fails_the_file_and_uploads_nothing()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Source.Records["AS-1"] = null;

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
            Assert.That(report.Files.Single().Errors.Single(), Is.EqualTo("the usage source failed for asset AS-1: vendor API answered 503"));
            Assert.That(Connect.Calls("POST", "/usage/files"), Is.Empty);
        });
    }

    [TestCase("TR")]
    [TestCase("cr")]
    [TestCase("PR")]
    public async Task A_schema_other_than_QT_is_a_clear_error_naming_it(string schema)
    {
        Connect.GivenProduct(schema);

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
            Assert.That(report.Files.Single().Errors.Single(), Does.Contain($"uses the {schema.ToUpperInvariant()} usage schema, which this version does not write: only QT"));
            Assert.That(Connect.Calls("GET", "/assets"), Is.Empty);
        });
    }

    [Test]
    public async Task A_product_without_ppu_is_reported_and_skipped()
    {
        Connect.GivenProduct(ppu: false);

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.That(report.Files.Single().Errors.Single(), Is.EqualTo("product PRD-123-456-789 has no pay-as-you-go capability (capabilities.ppu), so it takes no usage files."));
    }

    [Test]
    public async Task Processing_is_polled_until_ready_then_submitted()
    {
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Connect.Json("POST", "usage/files", UsageConnect.File("draft"), 201);
        Connect.Json("POST", $"usage/files/{UsageConnect.FileId}/upload", UsageConnect.File("uploading"));
        Connect.Sequence("GET", $"usage/files/{UsageConnect.FileId}", UsageConnect.Answer(UsageConnect.File("processing")), UsageConnect.Answer(UsageConnect.File("ready")));
        Connect.Json("POST", $"usage/files/{UsageConnect.FileId}/submit", UsageConnect.File("pending"));
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 }];

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("GET", $"/usage/files/{UsageConnect.FileId}"), Has.Count.EqualTo(2));
        });
    }
}
