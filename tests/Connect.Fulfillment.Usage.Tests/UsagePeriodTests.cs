using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>Month arithmetic in UTC, across year ends (the Python template's January bug).</summary>
public class UsagePeriodTests
{
    [TestCase("2027-01-15T10:00:00Z", "2026-12")]
    [TestCase("2027-01-01T00:00:00Z", "2026-12")]
    [TestCase("2026-12-31T23:59:59Z", "2026-11")]
    [TestCase("2026-03-01T00:30:00Z", "2026-02")]
    public void The_default_is_the_previous_UTC_month(string now, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(UsagePeriod.PreviousMonth(clock).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void A_local_time_after_midnight_in_January_still_reads_as_December_in_UTC()
    {
        // 00:30 on 1 January in UTC+2 is 22:30 on 31 December UTC: the month is December, the previous one November.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.FromHours(2)));

        Assert.That(UsagePeriod.PreviousMonth(clock), Is.EqualTo(new UsagePeriod(2026, 11)));
    }

    [Test]
    public void January_bounds_and_neighbours()
    {
        var january = UsagePeriod.Parse("2027-01");

        Assert.Multiple(() =>
        {
            Assert.That(january.Previous(), Is.EqualTo(new UsagePeriod(2026, 12)));
            Assert.That(new UsagePeriod(2026, 12).Next(), Is.EqualTo(january));
            Assert.That(january.Start, Is.EqualTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(january.End, Is.EqualTo(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(january.FirstDay, Is.EqualTo(new DateOnly(2027, 1, 1)));
            Assert.That(january.LastDay, Is.EqualTo(new DateOnly(2027, 1, 31)));
            Assert.That(new UsagePeriod(2026, 12).End, Is.EqualTo(january.Start));
        });
    }

    [TestCase(2028, 29)]
    [TestCase(2027, 28)]
    public void February_ends_on_its_last_day(int year, int lastDay)
        => Assert.That(new UsagePeriod(year, 2).LastDay, Is.EqualTo(new DateOnly(year, 2, lastDay)));

    [Test]
    public void Contains_takes_the_start_and_not_the_end()
    {
        var november = new UsagePeriod(2026, 11);

        Assert.Multiple(() =>
        {
            Assert.That(november.Contains(november.Start), Is.True);
            Assert.That(november.Contains(november.End.AddTicks(-1)), Is.True);
            Assert.That(november.Contains(november.End), Is.False);
            Assert.That(november.Contains(november.Start.AddTicks(-1)), Is.False);
        });
    }

    [TestCase("2026-1")]
    [TestCase("2026-13")]
    [TestCase("26-11")]
    [TestCase("2026/11")]
    [TestCase("2026-11-01")]
    [TestCase("")]
    public void Parse_refuses_anything_but_yyyy_MM(string text)
        => Assert.That(() => UsagePeriod.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("yyyy-MM"));

    [Test]
    public void Periods_order_across_years()
        => Assert.That(new UsagePeriod(2026, 12) < new UsagePeriod(2027, 1), Is.True);
}
