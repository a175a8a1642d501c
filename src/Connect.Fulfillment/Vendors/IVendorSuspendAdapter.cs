namespace Connect.Fulfillment.Vendors;

/// <summary>Suspends the vendor subscription of a Connect suspend request. Register with <c>AddVendorSuspendAdapter&lt;T&gt;()</c>.</summary>
public interface IVendorSuspendAdapter
{
    /// <summary>Suspends the subscription. Send <see cref="VendorSubscriptionContext.IdempotencyKey"/> with the call.</summary>
    /// <param name="context">The request, the vendor subscription id and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer. Throwing is treated as a transient failure.</returns>
    Task<VendorResult> SuspendAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default);
}
