namespace Connect.Fulfillment.Vendors;

/// <summary>Resumes the vendor subscription of a Connect resume request. Register with <c>AddVendorResumeAdapter&lt;T&gt;()</c>.</summary>
public interface IVendorResumeAdapter
{
    /// <summary>Resumes the subscription. Send <see cref="VendorSubscriptionContext.IdempotencyKey"/> with the call.</summary>
    /// <param name="context">The request, the vendor subscription id and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's answer. Throwing is treated as a transient failure.</returns>
    Task<VendorResult> ResumeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default);
}
