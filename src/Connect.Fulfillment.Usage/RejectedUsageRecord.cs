namespace Connect.Fulfillment.Usage;

/// <summary>A usage record that failed validation and was not uploaded.</summary>
public sealed record RejectedUsageRecord
{
    /// <summary>The product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>The asset id.</summary>
    public required string AssetId { get; init; }

    /// <summary>The record as the source returned it.</summary>
    public required UsageRecord Record { get; init; }

    /// <summary>Why it was rejected.</summary>
    public required string Reason { get; init; }
}
