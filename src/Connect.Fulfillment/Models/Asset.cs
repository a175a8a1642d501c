using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Models;

/// <summary>An asset: a customer's subscription to a product.</summary>
public sealed record Asset : IParameterOwner, IItemOwner
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

    /// <summary>The ordering and fulfillment parameters. Sent as <c>params</c>.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyList<Parameter> Parameters { get; init => field = value ?? []; } = [];

    /// <summary>The customer and resellers.</summary>
    public AssetTiers? Tiers { get; init; }

    /// <summary>The configuration parameters.</summary>
    public ParameterList? Configuration { get; init; }

    /// <summary>The marketplace.</summary>
    public Reference? Marketplace { get; init; }

    /// <summary>The contract.</summary>
    public Reference? Contract { get; init; }

    /// <inheritdoc />
    IReadOnlyList<Parameter> IParameterOwner.ConfigurationParameters => Configuration?.Parameters ?? [];

    /// <summary>The template (activation tile) of the subscription, when Connect sends it.</summary>
    public TemplateReference? Template { get; init; }

    /// <summary>The request that is still open on this asset, if any (Connect sends it with <c>select(pending_request)</c>).</summary>
    public RequestReference? PendingRequest { get; init; }
}
