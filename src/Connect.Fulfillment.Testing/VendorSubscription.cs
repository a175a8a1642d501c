namespace Connect.Fulfillment.Testing;

/// <summary>A subscription held by the fake vendor.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="AssetId">The Connect asset id it was created for.</param>
/// <param name="ProductId">The Connect product id.</param>
/// <param name="Status"><c>active</c>, <c>suspended</c> or <c>cancelled</c>.</param>
public sealed record VendorSubscription(string Id, string? AssetId, string? ProductId, string Status);
