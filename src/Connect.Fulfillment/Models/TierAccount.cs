namespace Connect.Fulfillment.Models;

/// <summary>A customer or reseller account in an asset's tiers.</summary>
public sealed record TierAccount
{
    /// <summary>The tier account id (<c>TA-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The account name.</summary>
    public string? Name { get; init; }

    /// <summary>The account id in the provider's system.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The account UID in the provider's system.</summary>
    public string? ExternalUid { get; init; }

    /// <summary>The account's tax id, when Connect sends it.</summary>
    public string? TaxId { get; init; }

    /// <summary>The contact information as Connect sends it.</summary>
    public System.Text.Json.JsonElement? ContactInfo { get; init; }
}
