namespace Connect.Fulfillment.Usage.Internal;

/// <summary>The ids that make a rerun find its own work again.</summary>
internal static class UsageIds
{
    /// <summary>
    /// The external id of the usage file of one product, contract and month, for example
    /// <c>usage-PRD-123-456-789-CRD-00000-00000-00000-2026-11</c>: unique across years (unlike a month name).
    /// </summary>
    public static string ExternalId(string productId, string contractId, UsagePeriod period) => $"usage-{productId}-{contractId}-{period}";

    /// <summary>The display name of the file (Connect allows 100 characters).</summary>
    public static string FileName(string productId, string contractId, UsagePeriod period)
    {
        var name = $"Usage {period} {productId} {contractId}";
        return name.Length <= 100 ? name : name[..100];
    }
}
