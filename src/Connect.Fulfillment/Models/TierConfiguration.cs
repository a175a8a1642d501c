using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Models;

/// <summary>The tier configuration a tier configuration request belongs to.</summary>
public sealed record TierConfiguration : IParameterOwner
{
    /// <summary>The tier configuration id (<c>TC-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The configuration name.</summary>
    public string? Name { get; init; }

    /// <summary>The reseller account configured.</summary>
    public TierAccount? Account { get; init; }

    /// <summary>The product.</summary>
    public Product? Product { get; init; }

    /// <summary>The tier level: 1 or 2.</summary>
    public int? TierLevel { get; init; }

    /// <summary>The connection and environment.</summary>
    public Connection? Connection { get; init; }

    /// <summary>The tier parameters. Sent as <c>params</c>.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyList<Parameter> Parameters { get; init => field = value ?? []; } = [];

    /// <summary>The configuration status (<c>active</c>, <c>processing</c>).</summary>
    public string? Status { get; init; }

    /// <summary>None: a tier configuration's own parameters are its configuration.</summary>
    IReadOnlyList<Parameter> IParameterOwner.ConfigurationParameters => [];

    /// <summary>The marketplace.</summary>
    public Reference? Marketplace { get; init; }

    /// <summary>The contract.</summary>
    public Reference? Contract { get; init; }
}
