using System.Globalization;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// <c>--seed-usage N</c>: a pay-as-you-go (QT) product with two metered items and N active preview subscriptions under
/// one contract, each with its vendor subscription id in <c>subscription_id</c> (<c>USUB-000001</c>…) and, with
/// <c>--vendor</c>, the vendor's usage of it, so that the processor's usage mode files one usage file.
/// </summary>
internal static class UsageSeed
{
    public const string ProductId = "PRD-100-000-002";
    public const string ContractId = "CRD-00000-00000-00100";
    public const string StorageMpn = "METERED-STORAGE-GB";
    public const string RestoreMpn = "METERED-RESTORE-GB";

    public static void Seed(ConnectSandbox sandbox, FakeVendorServer? vendor, int count)
    {
        if (count == 0)
        {
            return;
        }

        sandbox.Products.Add(ProductId, p => p.Name("Sandbox Metered Backup").PayAsYouGo("qt").PayAsYouGoItem(StorageMpn).PayAsYouGoItem(RestoreMpn));
        for (var i = 1; i <= count; i++)
        {
            var subscriptionId = string.Create(CultureInfo.InvariantCulture, $"USUB-{i:000000}");
            sandbox.Assets.Add(a => a
                .Product(ProductId).Status("active").Environment("preview").Contract(ContractId)
                .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
                .Item(StorageMpn).Item(RestoreMpn));

            // Quantities with decimals, the same for every month, so a test can predict the workbook.
            vendor?.SetUsage(subscriptionId, [new VendorUsage(StorageMpn, 100m + i + 0.5m), new VendorUsage(RestoreMpn, i)]);
        }
    }
}
