using System.Globalization;
using System.Runtime.InteropServices;
using Connect.Fulfillment.Testing;

// Starts a local Connect sandbox (and optionally a fake vendor API) seeded with pending cancel requests,
// prints "key: value" lines for the host to pick up, and runs until Ctrl-C or SIGTERM.
//   dotnet run --project samples/Connect.Fulfillment.Samples.Sandbox -- --seed-cancels 2000 --latency-ms 20 [--port N] [--vendor]
var seedCancels = 10;
var latencyMs = 0;
var port = 0;
var withVendor = false;
const string ProductId = "PRD-100-000-001";

for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seed-cancels":
            seedCancels = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--latency-ms":
            latencyMs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--vendor":
            withVendor = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. Usage: --seed-cancels N --latency-ms N [--port N] [--vendor]");
            return 2;
    }
}

await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions
{
    Port = port,
    Latency = TimeSpan.FromMilliseconds(latencyMs),
});
FakeVendorServer? vendor = withVendor ? await FakeVendorServer.StartAsync() : null;
try
{
    sandbox.Products.Add(ProductId, p => p
        .Name("Sandbox Cloud Backup")
        .Template("TL-100-000-001", name: "Default Activation Template", scope: "asset", type: "fulfillment",
            body: "# Your subscription is ready\n\nSubscription id: {{ subscription_id }}"));

    var ids = sandbox.SeedRequests(seedCancels, (i, r) =>
    {
        var subscriptionId = string.Create(CultureInfo.InvariantCulture, $"SUB-{i + 1:000000}");
        r.Type("cancel").Status("pending").Product(ProductId, "Sandbox Cloud Backup").Environment("preview")
            .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId)
            .Item("BACKUP-100GB", quantity: 0, oldQuantity: 1);
    });

    if (vendor is not null)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            vendor.SeedSubscription(string.Create(CultureInfo.InvariantCulture, $"SUB-{i + 1:000000}"), sandbox.GetRequestAssetId(ids[i]), ProductId);
        }
    }

    Console.WriteLine($"connect-url: {sandbox.BaseUrl}");
    Console.WriteLine($"connect-api-key: {sandbox.ApiKey}");
    if (vendor is not null)
    {
        Console.WriteLine($"vendor-url: {vendor.BaseUrl}");
        Console.WriteLine($"vendor-api-key: {vendor.ApiKey}");
    }

    Console.WriteLine($"product: {ProductId}");
    Console.WriteLine($"seeded-cancels: {ids.Count}");
    Console.Out.Flush();

    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
    {
        ctx.Cancel = true;
        stop.TrySetResult();
    });
    await stop.Task;
    await Console.Error.WriteLineAsync("stopping");
    return 0;
}
finally
{
    if (vendor is not null)
    {
        await vendor.DisposeAsync();
    }
}
