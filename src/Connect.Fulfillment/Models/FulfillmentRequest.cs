namespace Connect.Fulfillment.Models;

/// <summary>A fulfillment (asset) request: a purchase, change, suspend, resume, cancel or other action on a subscription.</summary>
public sealed record FulfillmentRequest : IParameterOwner, IItemOwner
{
    /// <summary>The request id (<c>PR-XXXX-XXXX-XXXX-NNN</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The request type.</summary>
    public RequestType Type { get; init; }

    /// <summary>The request status.</summary>
    public RequestStatus Status { get; init; }

    /// <summary>The note attached to the request (<c>note</c>).</summary>
    public string? Note { get; init; }

    /// <summary>The reason given when the request failed (or a distributor's text).</summary>
    public string? Reason { get; init; }

    /// <summary>When the request was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the request was last updated.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The effective date of the change, when set.</summary>
    public DateTimeOffset? EffectiveDate { get; init; }

    /// <summary>The planned date of a scheduled request.</summary>
    public DateTimeOffset? PlannedDate { get; init; }

    /// <summary>Whether the customer answered an inquiry.</summary>
    public bool? Answered { get; init; }

    /// <summary>The user the request is assigned to, if any.</summary>
    public Assignee? Assignee { get; init; }

    /// <summary>The rendered activation template (markdown) once approved.</summary>
    public string? ActivationKey { get; init; }

    /// <summary>The template the request was approved or inquired with.</summary>
    public TemplateReference? Template { get; init; }

    /// <summary>The previously approved request of the same asset.</summary>
    public Reference? PreviousApprovedRequest { get; init; }

    /// <summary>The marketplace.</summary>
    public Reference? Marketplace { get; init; }

    /// <summary>The contract.</summary>
    public Reference? Contract { get; init; }

    /// <summary>The asset (subscription) as it will be after the request.</summary>
    public Asset? Asset { get; init; }

    /// <summary>When the request was created and last changed, and by whom (<c>events</c>).</summary>
    public RequestEvents? Events { get; init; }

    /// <summary>The environment of the request, from <c>asset.connection.type</c>.</summary>
    public ConnectionType Environment => Asset?.Connection?.Type ?? default;

    /// <summary>The product id, from <c>asset.product.id</c>.</summary>
    public string? ProductId => Asset?.Product?.Id;

    /// <summary>The parameters of the request's asset (<c>asset.params</c>).</summary>
    IReadOnlyList<Parameter> IParameterOwner.Parameters => Asset?.Parameters ?? [];

    /// <summary>The configuration parameters of the request's asset (<c>asset.configuration.params</c>).</summary>
    IReadOnlyList<Parameter> IParameterOwner.ConfigurationParameters => Asset?.Configuration?.Parameters ?? [];

    /// <summary>The items of the request's asset (<c>asset.items</c>).</summary>
    IReadOnlyList<Item> IItemOwner.Items => Asset?.Items ?? [];
}
