namespace Connect.Fulfillment.Usage;

/// <summary>
/// One usage record of an asset for a period, as a vendor's <see cref="IUsageSource"/> returns it: how much of one
/// pay-as-you-go item (found by its MPN) the subscription consumed between two instants.
/// </summary>
public sealed record UsageRecord
{
    /// <summary>The manufacturer part number of the item; must be an item of the asset.</summary>
    public required string Mpn { get; init; }

    /// <summary>The consumed quantity; never negative.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>When the usage started, inside the period; the period's start when null.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When the usage ended, inside the period and not before <see cref="StartTime"/>; the period's last second when null.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>
    /// A stable id of the record; derived from asset, MPN, period and the record's position when null. Give one when
    /// the source can (for example the vendor's own usage line id).
    /// </summary>
    public string? RecordId { get; init; }

    /// <summary>An optional note written in <c>record_note</c>.</summary>
    public string? Note { get; init; }
}
