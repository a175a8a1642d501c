using System.Globalization;

namespace Connect.Fulfillment.Usage;

/// <summary>
/// A reporting month in UTC, written <c>yyyy-MM</c>. It starts at the first instant of the month and ends at the first
/// instant of the next one (exclusive), so December rolls into January of the next year and back.
/// </summary>
public readonly record struct UsagePeriod : IComparable<UsagePeriod>
{
    /// <summary>Creates a period.</summary>
    /// <param name="year">The year, 1 to 9998.</param>
    /// <param name="month">The month, 1 to 12.</param>
    public UsagePeriod(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>The first instant of the period, UTC.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant after the period (the start of the next month), UTC.</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>The first day of the period.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    /// <summary>The month before the one that holds <paramref name="timeProvider"/>'s current UTC time.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The previous month.</returns>
    public static UsagePeriod PreviousMonth(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Containing(timeProvider.GetUtcNow()).Previous();
    }

    /// <summary>The month that holds an instant, read in UTC.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The month.</returns>
    public static UsagePeriod Containing(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new UsagePeriod(utc.Year, utc.Month);
    }

    /// <summary>Reads a period written <c>yyyy-MM</c>, for example <c>2026-11</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The period.</returns>
    /// <exception cref="FormatException">The text is not a <c>yyyy-MM</c> month.</exception>
    public static UsagePeriod Parse(string text)
        => TryParse(text, out var period)
            ? period
            : throw new FormatException($"\"{text}\" is not a usage period: write the month as yyyy-MM, for example 2026-11.");

    /// <summary>Reads a period written <c>yyyy-MM</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="period">The period when the text is valid.</param>
    /// <returns>True when the text is a <c>yyyy-MM</c> month.</returns>
    public static bool TryParse(string? text, out UsagePeriod period)
    {
        period = default;
        if (text is null || !DateTime.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || month.Year > 9998)
        {
            return false;
        }

        period = new UsagePeriod(month.Year, month.Month);
        return true;
    }

    /// <summary>The month before this one.</summary>
    /// <returns>The previous month.</returns>
    public UsagePeriod Previous() => Month == 1 ? new UsagePeriod(Year - 1, 12) : new UsagePeriod(Year, Month - 1);

    /// <summary>The month after this one.</summary>
    /// <returns>The next month.</returns>
    public UsagePeriod Next() => Month == 12 ? new UsagePeriod(Year + 1, 1) : new UsagePeriod(Year, Month + 1);

    /// <summary>Whether an instant falls inside the period (start inclusive, end exclusive).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when inside.</returns>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <inheritdoc />
    public int CompareTo(UsagePeriod other) => (Year, Month).CompareTo((other.Year, other.Month));

    /// <summary>The period as <c>yyyy-MM</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>Whether the left period is earlier.</summary>
    /// <param name="left">The left period.</param>
    /// <param name="right">The right period.</param>
    /// <returns>True when earlier.</returns>
    public static bool operator <(UsagePeriod left, UsagePeriod right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left period is later.</summary>
    /// <param name="left">The left period.</param>
    /// <param name="right">The right period.</param>
    /// <returns>True when later.</returns>
    public static bool operator >(UsagePeriod left, UsagePeriod right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left period is earlier or the same.</summary>
    /// <param name="left">The left period.</param>
    /// <param name="right">The right period.</param>
    /// <returns>True when earlier or equal.</returns>
    public static bool operator <=(UsagePeriod left, UsagePeriod right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left period is later or the same.</summary>
    /// <param name="left">The left period.</param>
    /// <param name="right">The right period.</param>
    /// <returns>True when later or equal.</returns>
    public static bool operator >=(UsagePeriod left, UsagePeriod right) => left.CompareTo(right) >= 0;
}
