namespace Connect.Fulfillment.Models;

/// <summary>An asset: a customer's subscription to a product.</summary>
public sealed record Asset
{
    /// <summary>The asset id (<c>AS-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The asset status.</summary>
    public AssetStatus Status { get; init; }

    /// <summary>The asset id in the provider's system.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The asset UID in the provider's system.</summary>
    public string? ExternalUid { get; init; }

    /// <summary>The asset name in the provider's system.</summary>
    public string? ExternalName { get; init; }

    /// <summary>The product subscribed to.</summary>
    public Product? Product { get; init; }

    /// <summary>The connection (and so the environment) of the subscription.</summary>
    public Connection? Connection { get; init; }

    /// <summary>The items and their quantities.</summary>
    public IReadOnlyList<Item> Items { get; init => field = value ?? []; } = [];

    /// <summary>The ordering and fulfillment parameters.</summary>
    public IReadOnlyList<Parameter> Params { get; init => field = value ?? []; } = [];

    /// <summary>The customer and resellers.</summary>
    public AssetTiers? Tiers { get; init; }

    /// <summary>The configuration parameters.</summary>
    public ParameterList? Configuration { get; init; }

    /// <summary>The marketplace.</summary>
    public Reference? Marketplace { get; init; }

    /// <summary>The contract.</summary>
    public Reference? Contract { get; init; }
}
