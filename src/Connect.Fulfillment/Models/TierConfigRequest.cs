using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Models;

/// <summary>A tier configuration request: a reseller tier's parameters to set up or update.</summary>
public sealed record TierConfigRequest : IParameterOwner
{
    /// <summary>The request id (<c>TCR-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The request type.</summary>
    public TierConfigRequestType Type { get; init; }

    /// <summary>The request status.</summary>
    public RequestStatus Status { get; init; }

    /// <summary>The tier configuration.</summary>
    public TierConfiguration? Configuration { get; init; }

    /// <summary>The parameters of this request. Sent as <c>params</c>.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyList<Parameter> Parameters { get; init => field = value ?? []; } = [];

    /// <summary>The user the request is assigned to, if any.</summary>
    public Assignee? Assignee { get; init; }

    /// <summary>The activation template, once approved.</summary>
    public TemplateReference? Template { get; init; }

    /// <summary>The reason, once failed.</summary>
    public string? Reason { get; init; }

    /// <summary>The note attached to the request. Sent as <c>notes</c> for tier configuration requests.</summary>
    [JsonPropertyName("notes")]
    public string? Note { get; init; }

    /// <summary>The parent tier configuration (a tier 2 configuration's tier 1), when Connect sends it.</summary>
    public TierConfiguration? ParentConfiguration { get; init; }

    /// <summary>The previously approved request of the same tier configuration.</summary>
    public Reference? PreviousApprovedRequest { get; init; }

    /// <summary>The reseller tiers the request configures, when Connect sends them.</summary>
    public AssetTiers? Tiers { get; init; }

    /// <summary>The activation link, once Connect provides one.</summary>
    public TierActivation? Activation { get; init; }

    /// <summary>The environment, when sent at the top level.</summary>
    public ConnectionType Environment { get; init; }

    /// <summary>The effective date.</summary>
    public DateTimeOffset? EffectiveDate { get; init; }

    /// <summary>When the request was created and last changed, and by whom (<c>events</c>).</summary>
    public RequestEvents? Events { get; init; }

    /// <summary>The parameters of the tier configuration (<c>configuration.params</c>).</summary>
    IReadOnlyList<Parameter> IParameterOwner.ConfigurationParameters => Configuration?.Parameters ?? [];

    /// <summary>The product id, from <c>configuration.product.id</c>.</summary>
    public string? ProductId => Configuration?.Product?.Id;

    /// <summary>The environment from <c>configuration.connection.type</c>, else the top-level <see cref="Environment"/>.</summary>
    public ConnectionType ConnectionType
        => Configuration?.Connection?.Type is { Value: { Length: > 0 } } type ? type : Environment;
}
