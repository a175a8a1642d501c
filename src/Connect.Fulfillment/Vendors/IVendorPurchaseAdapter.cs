namespace Connect.Fulfillment.Vendors;

/// <summary>Creates the vendor subscription of a Connect purchase request. Register with <c>AddVendorPurchaseAdapter&lt;T&gt;()</c>.</summary>
public interface IVendorPurchaseAdapter
{
    /// <summary>
    /// Creates the subscription and answers <see cref="VendorResult.Created"/> with the vendor's id. Send
    /// <see cref="VendorPurchaseContext.IdempotencyKey"/> with the call so a retried run gets the same subscription back.
    /// </summary>
    /// <param name="context">The request, its items and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer. Throwing is treated as a transient failure.</returns>
    Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default);
}
