using System.Globalization;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples;

/// <summary>The pay-as-you-go part of the embedded demo, used by the processor's usage mode.</summary>
public sealed partial class DemoEnvironment
{
    /// <summary>The pay-as-you-go product of the embedded demo.</summary>
    public const string DemoUsageProductId = "PRD-276-377-546";

    private const string DemoUsageProductName = "Cloud Backup Metered";

    /// <summary>
    /// Seeds the usage demo: a pay-as-you-go (QT) product with two metered items, four active preview subscriptions
    /// under two contracts, each with its vendor <c>subscription_id</c>, and the vendor's usage of each (the fake vendor
    /// answers the same usage for any month). Reporting a month files one usage file per contract.
    /// </summary>
    public void SeedUsageDemo()
    {
        Sandbox.Products.Add(DemoUsageProductId, p => p
            .Name(DemoUsageProductName)
            .PayAsYouGo("qt")
            .PayAsYouGoItem("CB-STORAGE-GB-MONTH")
            .PayAsYouGoItem("CB-RESTORE-GB"));

        void Subscription(string assetId, string contractId, string subscriptionId, decimal storage, decimal restores)
        {
            Sandbox.Assets.Add(a => a
                .Id(assetId).Product(DemoUsageProductId).Status("active").Environment("preview")
                .Contract(contractId).Marketplace("MP-91673")
                .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
                .Item("CB-STORAGE-GB-MONTH").Item("CB-RESTORE-GB"));
            Vendor.SetUsage(subscriptionId, restores > 0
                ? [new VendorUsage("CB-STORAGE-GB-MONTH", storage), new VendorUsage("CB-RESTORE-GB", restores)]
                : [new VendorUsage("CB-STORAGE-GB-MONTH", storage)]);
        }

        Subscription("AS-8012-4410-1001", "CRD-00000-00000-10001", "SUB-20001", 1250.5m, 12.25m);
        Subscription("AS-8012-4410-1002", "CRD-00000-00000-10001", "SUB-20002", 310m, 0m);
        Subscription("AS-8012-4410-1003", "CRD-00000-00000-10001", "SUB-20003", 4096.75m, 250m);
        Subscription("AS-8012-4410-1004", "CRD-00000-00000-10002", "SUB-20004", 42m, 1.5m);
    }

    /// <summary>How the sandbox holds each usage file the run touched, one line each (demo mode only).</summary>
    /// <param name="usageFileIds">The usage file ids.</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> DescribeUsageFiles(IEnumerable<string> usageFileIds)
    {
        ArgumentNullException.ThrowIfNull(usageFileIds);
        return usageFileIds
            .Select(id => string.Create(CultureInfo.InvariantCulture,
                $"{id} {Sandbox.UsageFiles.GetStatus(id) ?? "?"} ({Sandbox.UsageFiles.GetRecords(id).Count} records accepted by the sandbox's checks)"))
            .ToList();
    }
}
