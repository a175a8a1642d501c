namespace Connect.Fulfillment.Vendors;

/// <summary>Applies a Connect change request (new item quantities) to the vendor subscription. Register with <c>AddVendorChangeAdapter&lt;T&gt;()</c>.</summary>
public interface IVendorChangeAdapter
{
    /// <summary>Applies the new quantities (see the request's items). Send <see cref="VendorSubscriptionContext.IdempotencyKey"/> with the call.</summary>
    /// <param name="context">The request, the vendor subscription id and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer. Throwing is treated as a transient failure.</returns>
    Task<VendorResult> ChangeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default);
}
