namespace Connect.Fulfillment.Models;

/// <summary>The period of a usage file (<c>period</c>) as Connect sends it: dates <c>YYYY-MM-DD</c>, kept as text.</summary>
public sealed record UsageFilePeriod
{
    /// <summary>The first day, for example <c>2026-11-01</c>.</summary>
    public string? From { get; init; }

    /// <summary>The last day, for example <c>2026-11-30</c>.</summary>
    public string? To { get; init; }
}
