using Connect.Fulfillment.Models;
using Connect.Fulfillment.Usage.Internal;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>Every rule a record must pass, with the reason a person reads.</summary>
public class UsageRecordCheckTests
{
    private static readonly UsagePeriod November = new(2026, 11);
    private static readonly Asset Asset = new()
    {
        Id = "AS-1",
        Product = new Product { Id = "PRD-1" },
        Items = [new Item { Mpn = "MPN-CPU" }],
    };

    [Test]
    public void A_record_without_times_covers_the_whole_period()
    {
        var reason = UsageRecordCheck.Check(new UsageRecord { Mpn = "MPN-CPU", Quantity = 0 }, Asset, November, out var start, out var end);

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.Null);
            Assert.That(start, Is.EqualTo(November.Start));
            Assert.That(end, Is.EqualTo(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        });
    }

    [TestCase("MPN-GPU", 1, null, null, "item MPN \"MPN-GPU\" is not an item of asset AS-1")]
    [TestCase("mpn-cpu", 1, null, null, "item MPN \"mpn-cpu\" is not an item of asset AS-1")]
    [TestCase(" ", 1, null, null, "the record has no item MPN")]
    [TestCase("MPN-CPU", -0.001, null, null, "quantity -0.001 is negative")]
    [TestCase("MPN-CPU", 1, "2026-10-31T23:59:59Z", null, "start time 2026-10-31T23:59:59Z is outside the period 2026-11 (2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z)")]
    [TestCase("MPN-CPU", 1, "2026-12-01T00:00:00Z", null, "start time 2026-12-01T00:00:00Z is outside the period 2026-11")]
    [TestCase("MPN-CPU", 1, null, "2026-12-01T00:00:01Z", "end time 2026-12-01T00:00:01Z is outside the period 2026-11")]
    [TestCase("MPN-CPU", 1, "2026-11-10T00:00:00Z", "2026-11-09T00:00:00Z", "end time 2026-11-09T00:00:00Z is before start time 2026-11-10T00:00:00Z")]
    public void Bad_records_are_rejected_with_a_reason(string mpn, double quantity, string? startText, string? endText, string expected)
    {
        var record = new UsageRecord
        {
            Mpn = mpn,
            Quantity = (decimal)quantity,
            StartTime = startText is null ? null : DateTimeOffset.Parse(startText, System.Globalization.CultureInfo.InvariantCulture),
            EndTime = endText is null ? null : DateTimeOffset.Parse(endText, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.That(UsageRecordCheck.Check(record, Asset, November, out _, out _), Does.StartWith(expected));
    }

    [Test]
    public void The_period_end_itself_is_a_valid_end_time()
        => Assert.That(UsageRecordCheck.Check(new UsageRecord { Mpn = "MPN-CPU", Quantity = 1, EndTime = November.End }, Asset, November, out _, out _), Is.Null);

    [Test]
    public void An_asset_of_another_product_is_named()
        => Assert.That(UsageRecordCheck.CheckAsset(Asset, "PRD-2"), Is.EqualTo("asset AS-1 belongs to product PRD-1, not PRD-2"));

    [Test]
    public void A_null_record_is_rejected()
        => Assert.That(UsageRecordCheck.Check(null, Asset, November, out _, out _), Is.EqualTo("the usage source returned a null record"));
}
