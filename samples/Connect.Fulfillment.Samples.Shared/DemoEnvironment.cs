using System.Globalization;
using System.Text;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Configuration;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// The embedded demo the sample hosts run when <c>Connect:Endpoint</c> is not set: a Connect sandbox and a demo vendor
/// started in-process on loopback and seeded with a realistic demo (see <see cref="StartAsync"/>).
/// </summary>
public sealed partial class DemoEnvironment : IAsyncDisposable
{
    /// <summary>The product of the embedded demo.</summary>
    public const string DemoProductId = "PRD-276-377-545";

    private const string DemoProductName = "Cloud Backup for Business";

    private readonly List<DemoRequest> demoRequests = [];

    private DemoEnvironment(ConnectSandbox sandbox, FakeVendorServer vendor)
    {
        Sandbox = sandbox;
        Vendor = vendor;
    }

    /// <summary>The embedded Connect sandbox.</summary>
    public ConnectSandbox Sandbox { get; }

    /// <summary>The demo vendor.</summary>
    public FakeVendorServer Vendor { get; }

    /// <summary>The line the hosts print when they run the demo.</summary>
    public string Notice => $"Connect:Endpoint is not set: running the embedded sandbox demo (Connect sandbox {Sandbox.BaseUrl}, demo vendor {Vendor.BaseUrl}).";

    /// <summary>Starts the demo when the configuration has no <c>Connect:Endpoint</c> (set but empty is an error, not the demo).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running demo, or null when Connect is configured.</returns>
    public static async Task<DemoEnvironment?> StartIfUnconfiguredAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Connect:Endpoint"] is null ? await StartAsync(cancellationToken) : null;
    }

    /// <summary>
    /// Starts the embedded Connect sandbox and the demo vendor on loopback and seeds them: preview subscriptions with
    /// pending cancel and purchase requests — including a cancel whose <c>subscription_id</c> is empty, one the vendor
    /// does not know (404), one already cancelled at the vendor (409), one the vendor keeps failing (503), a purchase
    /// the vendor rejects — a suspend request and a tier configuration request (no handler: skipped), and a product
    /// with the "Default Activation Template" asset template.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running environment; dispose it to stop both servers.</returns>
    public static async Task<DemoEnvironment> StartAsync(CancellationToken cancellationToken = default)
    {
        var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 2024 }, cancellationToken);
        FakeVendorServer vendor;
        try
        {
            vendor = await FakeVendorServer.StartAsync(cancellationToken: cancellationToken);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        var environment = new DemoEnvironment(sandbox, vendor);
        environment.SeedDemo();
        return environment;
    }

    /// <summary>Points the Connect settings at the demo's sandbox and product.</summary>
    /// <param name="connect">The Connect settings.</param>
    public void Apply(ConnectSettings connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        connect.Endpoint = Sandbox.BaseUrl.ToString();
        connect.ApiKey = Sandbox.ApiKey;
        connect.Products.Clear();
        connect.Products.Add(DemoProductId);
    }

    /// <summary>Points the vendor settings at the demo vendor.</summary>
    /// <param name="vendor">The vendor settings.</param>
    public void Apply(VendorSettings vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        vendor.BaseUrl = Vendor.BaseUrl.ToString();
        vendor.ApiKey = Vendor.ApiKey;
    }

    /// <summary>The final state of every demo subscription, one line each (demo mode only).</summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> DescribeDemoStates()
    {
        var sandbox = Sandbox;
        var lines = new List<string>();
        foreach (var demo in demoRequests)
        {
            var assetId = sandbox.GetRequestAssetId(demo.RequestId) ?? "?";
            var line = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{assetId} {sandbox.GetAssetStatus(assetId) ?? "?"}")
                .Append(CultureInfo.InvariantCulture, $" ({demo.Type} {demo.RequestId} {sandbox.GetRequestStatus(demo.RequestId) ?? "?"}")
                .Append(CultureInfo.InvariantCulture, $"; {demo.Description}");
            var subscriptionId = sandbox.GetRequestParameterValue(demo.RequestId, "subscription_id");
            if (!string.IsNullOrEmpty(subscriptionId) && Vendor.GetSubscription(subscriptionId) is { } subscription)
            {
                line.Append(CultureInfo.InvariantCulture, $"; vendor {subscription.Id} {subscription.Status}");
            }

            lines.Add(line.Append(')').ToString());
        }

        return lines;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Vendor.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    private void SeedDemo()
    {
        var sandbox = Sandbox;
        var vendor = Vendor;
        sandbox.Products.Add(DemoProductId, p => p
            .Name(DemoProductName)
            .Template("TL-391-224-601", name: "Default Activation Template", scope: "asset", type: "fulfillment",
                body: "# Your Cloud Backup subscription is ready\n\nVendor subscription: {{ subscription_id }}"));

        string Cancel(string description, string? subscriptionId, string customer, int seats)
        {
            var id = sandbox.Requests.Add(r => r
                .Type("cancel").Status("pending").Product(DemoProductId, DemoProductName).Environment("preview")
                .Customer(Code("TA-5173-", customer), customer)
                .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId ?? string.Empty)
                .Item("CB-BUSINESS-1TB", quantity: 0, oldQuantity: seats)
                .Configure(json => json["asset"]!["status"] = "active"));
            demoRequests.Add(new DemoRequest(id, "cancel", description));
            return id;
        }

        string Purchase(string description, string customer, int seats, int addOns)
        {
            var id = sandbox.Requests.Add(r =>
            {
                r.Type("purchase").Status("pending").Product(DemoProductId, DemoProductName).Environment("preview")
                    .Customer(Code("TA-5173-", customer), customer)
                    .Parameter("subscription_id", phase: "fulfillment", value: null)
                    .Item("CB-BUSINESS-1TB", quantity: seats)
                    .Item("CB-ADDON-ARCHIVE", quantity: addOns);
            });
            demoRequests.Add(new DemoRequest(id, "purchase", description));
            return id;
        }

        void VendorSubscription(string requestId, string subscriptionId, string status = "active")
            => vendor.SeedSubscription(subscriptionId, sandbox.GetRequestAssetId(requestId), DemoProductId, status);

        VendorSubscription(Cancel("cancelled at the vendor", "SUB-10071", "Northwind Traders", 25), "SUB-10071");
        VendorSubscription(Cancel("cancelled at the vendor", "SUB-10072", "Contoso Pharmaceuticals", 140), "SUB-10072");
        VendorSubscription(Cancel("cancelled after one vendor 503", "SUB-10073", "Fabrikam Logistics", 12), "SUB-10073");
        vendor.SetBehavior("SUB-10073", VendorBehavior.Failure(503, times: 1));
        VendorSubscription(Cancel("vendor: already cancelled (409)", "SUB-10074", "Adventure Works", 8), "SUB-10074", status: "cancelled");
        Cancel("subscription_id is empty", null, "Tailspin Toys", 5);
        Cancel("vendor does not know the subscription (404)", "SUB-09999", "Wide World Importers", 30);
        VendorSubscription(Cancel("vendor keeps answering 503", "SUB-10075", "Litware Inc.", 60), "SUB-10075");
        vendor.SetBehavior("SUB-10075", VendorBehavior.Failure(503));

        Purchase("created at the vendor", "Alpine Ski House", 10, 2);
        Purchase("created at the vendor", "Coho Winery", 3, 0);
        var rejected = Purchase("vendor rejects the order", "Proseware Ltd", 5000, 0);
        vendor.SetBehavior(sandbox.GetRequestAssetId(rejected)!, VendorBehavior.Rejected("Order exceeds the reseller's credit limit of 1000 seats."));

        var suspend = sandbox.Requests.Add(r => r
            .Type("suspend").Status("pending").Product(DemoProductId, DemoProductName).Environment("preview")
            .Customer("TA-5173-0099", "Blue Yonder Airlines")
            .Parameter("subscription_id", phase: "fulfillment", value: "SUB-10076")
            .Configure(json => json["asset"]!["status"] = "active"));
        demoRequests.Add(new DemoRequest(suspend, "suspend", "no handler in this sample: skipped"));
        VendorSubscription(suspend, "SUB-10076");

        sandbox.TierConfigRequests.Add(t => t.Type("setup").Status("pending").Product(DemoProductId, DemoProductName).Environment("preview")
            .Account("TA-5173-0100", "Margie's Travel").TierLevel(1));
    }

    /// <summary>A stable account id made from a name (the same in every run).</summary>
    private static string Code(string prefix, string name)
        => prefix + ((name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & 0x7fffffff) % 10000).ToString("0000", CultureInfo.InvariantCulture);

    private sealed record DemoRequest(string RequestId, string Type, string Description);
}
