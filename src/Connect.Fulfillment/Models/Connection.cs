namespace Connect.Fulfillment.Models;

/// <summary>The connection (vendor, provider, hub and environment) an asset was ordered through.</summary>
public sealed record Connection
{
    /// <summary>The connection id, for example <c>CT-0000-0000-0000</c> for preview.</summary>
    public string? Id { get; init; }

    /// <summary>The environment: preview, test or production.</summary>
    public ConnectionType Type { get; init; }

    /// <summary>The provider account.</summary>
    public Reference? Provider { get; init; }

    /// <summary>The vendor account.</summary>
    public Reference? Vendor { get; init; }

    /// <summary>The hub the order came through.</summary>
    public Reference? Hub { get; init; }
}
