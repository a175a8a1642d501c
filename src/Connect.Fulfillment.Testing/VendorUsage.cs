namespace Connect.Fulfillment.Testing;

/// <summary>The usage of one item as the fake vendor reports it: <c>{"mpn": "…", "quantity": 12.5}</c>.</summary>
/// <param name="Mpn">The item MPN.</param>
/// <param name="Quantity">The quantity used in the period.</param>
public sealed record VendorUsage(string Mpn, decimal Quantity);
