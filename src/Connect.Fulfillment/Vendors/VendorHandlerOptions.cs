namespace Connect.Fulfillment.Vendors;

/// <summary>Settings of a built-in vendor handler.</summary>
public sealed class VendorHandlerOptions
{
    /// <summary>The default fulfillment parameter holding the vendor's subscription id.</summary>
    public const string DefaultSubscriptionIdParameter = "subscription_id";

    /// <summary>The fulfillment parameter (by id) holding the vendor's subscription id. Default <c>subscription_id</c>.</summary>
    public string SubscriptionIdParameter { get; set; } = DefaultSubscriptionIdParameter;
}
