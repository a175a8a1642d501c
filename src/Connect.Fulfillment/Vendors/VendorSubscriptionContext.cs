using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Vendors;

/// <summary>What an adapter needs to act on an existing vendor subscription (cancel, change, suspend, resume).</summary>
public sealed class VendorSubscriptionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="request">The Connect request.</param>
    /// <param name="externalSubscriptionId">The vendor's subscription id, read from the request's fulfillment parameter.</param>
    /// <param name="idempotencyKey">The key to send with the vendor call: the Connect request id.</param>
    public VendorSubscriptionContext(FulfillmentRequest request, string externalSubscriptionId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalSubscriptionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        Request = request;
        ExternalSubscriptionId = externalSubscriptionId;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The Connect request.</summary>
    public FulfillmentRequest Request { get; }

    /// <summary>The asset (subscription) in Connect.</summary>
    public Asset? Asset => Request.Asset;

    /// <summary>The vendor's subscription id.</summary>
    public string ExternalSubscriptionId { get; }

    /// <summary>Send this with the vendor call so that a retry never repeats the side effect: it is the Connect request id.</summary>
    public string IdempotencyKey { get; }
}
