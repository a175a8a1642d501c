namespace Connect.Fulfillment.Models;

/// <summary>A tier configuration request: a reseller tier's parameters to set up or update.</summary>
public sealed record TierConfigRequest
{
    /// <summary>The request id (<c>TCR-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The request type.</summary>
    public TierConfigRequestType Type { get; init; }

    /// <summary>The request status.</summary>
    public RequestStatus Status { get; init; }

    /// <summary>The tier configuration.</summary>
    public TierConfiguration? Configuration { get; init; }

    /// <summary>The parameters of this request.</summary>
    public IReadOnlyList<Parameter> Params { get; init => field = value ?? []; } = [];

    /// <summary>The user the request is assigned to, if any.</summary>
    public Assignee? Assignee { get; init; }

    /// <summary>The activation template, once approved.</summary>
    public TemplateReference? Template { get; init; }

    /// <summary>The reason, once failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Notes attached to the request.</summary>
    public string? Notes { get; init; }

    /// <summary>The environment, when sent at the top level.</summary>
    public ConnectionType Environment { get; init; }

    /// <summary>The effective date.</summary>
    public DateTimeOffset? EffectiveDate { get; init; }

    /// <summary>The product id, from <c>configuration.product.id</c>.</summary>
    public string? ProductId => Configuration?.Product?.Id;

    /// <summary>The environment from <c>configuration.connection.type</c>, else the top-level <see cref="Environment"/>.</summary>
    public ConnectionType ConnectionType
        => Configuration?.Connection?.Type is { Value: { Length: > 0 } } type ? type : Environment;
}
