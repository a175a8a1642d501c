namespace Connect.Fulfillment.Models;

/// <summary>The product an asset or tier configuration belongs to.</summary>
public sealed record Product
{
    /// <summary>The product id, for example <c>PRD-376-646-770</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The product name.</summary>
    public string? Name { get; init; }

    /// <summary>The product icon URL path.</summary>
    public string? Icon { get; init; }

    /// <summary>The product status, for example <c>published</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The product's capabilities; sent when the product itself is read (<c>GET /products/{id}</c>).</summary>
    public ProductCapabilities? Capabilities { get; init; }
}
