namespace Connect.Fulfillment.Vendors;

/// <summary>Cancels the vendor subscription of a Connect cancel request. Register with <c>AddVendorCancelAdapter&lt;T&gt;()</c>.</summary>
public interface IVendorCancelAdapter
{
    /// <summary>Cancels the subscription; answer <see cref="VendorResult.Success"/> when cancelled and <see cref="VendorResult.AlreadyDone"/> when it was already cancelled. Send <see cref="VendorSubscriptionContext.IdempotencyKey"/> with the call.</summary>
    /// <param name="context">The request, the vendor subscription id and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer. Throwing is treated as a transient failure.</returns>
    Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default);
}
