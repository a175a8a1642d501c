using System.Net;
using System.Net.Sockets;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>A Connect sandbox and a fake vendor started by a test, with the configuration that points the processor at them.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const string ProductId = "PRD-100-200-300";
    public const string ConnectSecret = "SU-123-456-789:connect-secret-7f3a9c1e";
    public const string VendorSecret = "vendor-secret-4b8d2e6f0a";

    private Scenario(ConnectSandbox sandbox, FakeVendorServer vendor)
    {
        Sandbox = sandbox;
        Vendor = vendor;
        sandbox.Products.Add(ProductId, p => p
            .Name("Test Backup")
            .Template("TL-100-200-300", name: "Default Activation Template", scope: "asset", type: "fulfillment", body: "Subscription {{ subscription_id }} is active."));
    }

    public ConnectSandbox Sandbox { get; }

    public FakeVendorServer Vendor { get; }

    public static async Task<Scenario> StartAsync()
    {
        var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { ApiKey = ConnectSecret, Seed = 11 });
        var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        return new Scenario(sandbox, vendor);
    }

    /// <summary>The processor configuration as environment variables (the API key without its <c>ApiKey </c> prefix).</summary>
    public Dictionary<string, string?> Environment(Uri? vendorUrl = null) => new()
    {
        ["Connect__Endpoint"] = Sandbox.BaseUrl.ToString(),
        ["Connect__ApiKey"] = ConnectSecret,
        ["Connect__Products__0"] = ProductId,
        ["Vendor__BaseUrl"] = (vendorUrl ?? Vendor.BaseUrl).ToString(),
        ["Vendor__ApiKey"] = VendorSecret,
    };

    /// <summary>A pending preview cancel request with an active asset.</summary>
    public string Cancel(string? subscriptionId) => Sandbox.Requests.Add(r => r
        .Type("cancel").Status("pending").Product(ProductId).Environment("preview")
        .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
        .Item("SKU-A", quantity: 0, oldQuantity: 3)
        .Configure(json => json["asset"]!["status"] = "active"));

    /// <summary>A cancel whose subscription exists at the vendor.</summary>
    public string CancelOf(string subscriptionId, string status = "active")
    {
        var id = Cancel(subscriptionId);
        Vendor.SeedSubscription(subscriptionId, Sandbox.GetRequestAssetId(id), ProductId, status);
        return id;
    }

    /// <summary>A pending preview purchase of 3 × SKU-A and 0 × SKU-B.</summary>
    public string Purchase(string? subscriptionId = null) => Sandbox.Requests.Add(r => r
        .Type("purchase").Status("pending").Product(ProductId).Environment("preview")
        .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
        .Item("SKU-A", quantity: 3)
        .Item("SKU-B", quantity: 0));

    public string AssetOf(string requestId) => Sandbox.GetRequestAssetId(requestId)!;

    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Vendor.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
