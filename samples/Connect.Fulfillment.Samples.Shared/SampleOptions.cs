namespace Connect.Fulfillment.Samples;

/// <summary>The <c>Connect:*</c> keys (docs/configuration.md), checked by <see cref="SampleOptionsValidators"/>.</summary>
public sealed class ConnectSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connect";

    /// <summary>The Connect API base URL; unset runs the embedded demo.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The Connect API key, with or without the <c>ApiKey </c> prefix.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The products processed; an entry may hold several ids separated by commas.</summary>
    public List<string> Products { get; } = [];

    /// <summary>The environments processed; empty means <c>preview</c>.</summary>
    public List<string> Environments { get; } = [];

    /// <summary>The product ids, comma-separated entries split.</summary>
    public IEnumerable<string> ProductIds => Products.SelectMany(p => p.Split(',')).Select(p => p.Trim());
}

/// <summary>The <c>Vendor:*</c> keys.</summary>
public sealed class VendorSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vendor";

    /// <summary>The vendor API base URL.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The vendor API key, sent as <c>Authorization: Bearer …</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The timeout of one vendor call attempt, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The <c>Fulfillment:*</c> keys.</summary>
public sealed class FulfillmentSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Fulfillment";

    /// <summary>The activation template id; wins over the name.</summary>
    public string? ApproveTemplateId { get; set; }

    /// <summary>The name of the product's asset-scope activation template.</summary>
    public string ApproveTemplateName { get; set; } = "Default Activation Template";

    /// <summary>The fulfillment parameter holding the vendor subscription id.</summary>
    public string SubscriptionIdParameter { get; set; } = "subscription_id";

    /// <summary>How many requests are processed at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Decide and report without writing to Connect or calling the vendor.</summary>
    public bool DryRun { get; set; }
}
