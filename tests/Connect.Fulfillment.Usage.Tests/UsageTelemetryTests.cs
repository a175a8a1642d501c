using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>The package's span per usage file and its counters of files by outcome, records and rejected records.</summary>
public class UsageTelemetryTests : UsageConnectTestBase
{

    [Test]
    public async Task A_submitted_file_is_one_span_with_its_ids_and_outcome_and_is_counted_with_its_records()
    {
        using var files = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.FilesCounterName);
        using var records = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.RecordsCounterName);
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"), UsageConnect.Asset("AS-2"));
        Connect.GivenFiles();
        Connect.GivenHappyFileCalls();
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 2 }, new UsageRecord { Mpn = "MPN-RAM", Quantity = 4 }];
        Source.Records["AS-2"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 1 }];

        await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        var span = spans.Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.OperationName, Is.EqualTo("connect.usage.file"));
            Assert.That(span.Source.Name, Is.EqualTo(UsageReportingTelemetry.ActivitySourceName));
            Assert.That(span.GetTagItem("connect.product.id"), Is.EqualTo(UsageConnect.ProductId));
            Assert.That(span.GetTagItem("connect.contract.id"), Is.EqualTo(UsageConnect.ContractId));
            Assert.That(span.GetTagItem("connect.usage.period"), Is.EqualTo("2026-11"));
            Assert.That(span.GetTagItem("connect.usage.external_id"), Is.EqualTo($"usage-{UsageConnect.ProductId}-{UsageConnect.ContractId}-2026-11"));
            Assert.That(span.GetTagItem("connect.usage.file.id"), Is.EqualTo(UsageConnect.FileId));
            Assert.That(span.GetTagItem("connect.usage.outcome"), Is.EqualTo("submitted"));
            Assert.That(span.GetTagItem("connect.usage.created"), Is.EqualTo(true));
            Assert.That(span.GetTagItem("connect.usage.records"), Is.EqualTo(3));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(Outcomes(files), Is.EqualTo(new[] { ("submitted", 1L) }));
            Assert.That(records.GetMeasurementSnapshot().Sum(m => m.Value), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Rejected_records_are_counted_and_a_held_back_file_is_an_error_span()
    {
        using var files = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.FilesCounterName);
        using var rejected = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.RejectedRecordsCounterName);
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
        Connect.GivenFiles();
        Source.Records["AS-1"] = [
            new UsageRecord { Mpn = "MPN-GPU", Quantity = 1 },
            new UsageRecord { Mpn = "MPN-CPU", Quantity = -2 },
            new UsageRecord { Mpn = "MPN-CPU", Quantity = 2 },
        ];

        await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        var span = spans.Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("connect.usage.outcome"), Is.EqualTo("held_back"));
            Assert.That(span.GetTagItem("connect.usage.records.rejected"), Is.EqualTo(2));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(Outcomes(files), Is.EqualTo(new[] { ("held_back", 1L) }));
            Assert.That(Rejected(rejected), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Records_rejected_before_the_source_failed_are_still_counted()
    {
        using var rejected = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.RejectedRecordsCounterName);
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"), UsageConnect.Asset("AS-2"));
        Connect.GivenFiles();
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-GPU", Quantity = 1 }];
        Source.Records["AS-2"] = null;

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
        Assert.That((report.RejectedRecordCount, Rejected(rejected)), Is.EqualTo((1, 1L)));
    }

    [Test]
    public async Task A_product_that_cannot_take_usage_is_counted_as_a_failed_file_without_a_span()
    {
        using var files = new MetricCollector<long>(null, UsageReportingTelemetry.MeterName, UsageReportingTelemetry.FilesCounterName);
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        Connect.GivenProduct(ppu: false);

        var report = await UsageConnect.Reporter(Client, Source).ReportAsync(November);

        Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
        Assert.That(Outcomes(files), Is.EqualTo(new[] { ("failed", 1L) }));
        Assert.That(spans, Is.Empty);
    }

    private static (string Outcome, long Count)[] Outcomes(MetricCollector<long> files)
        => files.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags["connect.product.id"] == UsageConnect.ProductId)
            .GroupBy(m => (string)m.Tags["connect.usage.outcome"]!)
            .Select(g => (g.Key, g.Sum(m => m.Value)))
            .ToArray();

    private static long Rejected(MetricCollector<long> rejected)
        => rejected.GetMeasurementSnapshot().Where(m => (string?)m.Tags["connect.product.id"] == UsageConnect.ProductId).Sum(m => m.Value);

    private static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == UsageReportingTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
