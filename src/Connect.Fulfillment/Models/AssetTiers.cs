namespace Connect.Fulfillment.Models;

/// <summary>The customer and reseller tiers of an asset. Missing tiers (Connect sends <c>{}</c> or null) have null ids.</summary>
public sealed record AssetTiers
{
    /// <summary>The end customer.</summary>
    public TierAccount? Customer { get; init; }

    /// <summary>The tier 1 reseller.</summary>
    public TierAccount? Tier1 { get; init; }

    /// <summary>The tier 2 reseller, often absent.</summary>
    public TierAccount? Tier2 { get; init; }
}
