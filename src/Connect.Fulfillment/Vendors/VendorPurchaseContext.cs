using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Vendors;

/// <summary>What an adapter needs to create a vendor subscription for a purchase request.</summary>
public sealed class VendorPurchaseContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="request">The Connect purchase request.</param>
    /// <param name="idempotencyKey">The key to send with the vendor call: the Connect request id.</param>
    public VendorPurchaseContext(FulfillmentRequest request, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        Request = request;
        IdempotencyKey = idempotencyKey;
        Items = request.Asset?.Items.Where(i => i.QuantityValue > 0).ToList() ?? [];
    }

    /// <summary>The Connect request.</summary>
    public FulfillmentRequest Request { get; }

    /// <summary>The asset (subscription) in Connect.</summary>
    public Asset? Asset => Request.Asset;

    /// <summary>The ordered items with a quantity above zero.</summary>
    public IReadOnlyList<Item> Items { get; }

    /// <summary>Send this with the vendor call so that a retry never creates a second subscription: it is the Connect request id.</summary>
    public string IdempotencyKey { get; }
}
