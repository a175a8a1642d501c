using System.Globalization;
using System.Runtime.InteropServices;
using Connect.Fulfillment.Testing;

// Starts a local Connect sandbox (and optionally a fake vendor API) seeded with pending cancel requests,
// prints "key: value" lines for the host to pick up, and runs until Ctrl-C or SIGTERM (or, with --stop-on-stdin-eof,
// until its standard input closes). When it stops it prints what it saw: calls received and request statuses.
//   dotnet run --project samples/Connect.Fulfillment.Samples.Sandbox -- --seed-cancels 2000 --latency-ms 20 [--port N] [--vendor] [--vendor-latency-ms N] [--stop-on-stdin-eof]
var seedCancels = 10;
var latencyMs = 0;
var vendorLatencyMs = 0;
var port = 0;
var withVendor = false;
var stopOnStdinEof = false;
const string ProductId = "PRD-100-000-001";
const string Usage = "Usage: --seed-cancels N --latency-ms N [--port N] [--vendor] [--vendor-latency-ms N] [--stop-on-stdin-eof]";

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
        case "--vendor-latency-ms":
            vendorLatencyMs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--vendor":
            withVendor = true;
            break;
        case "--stop-on-stdin-eof":
            stopOnStdinEof = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. {Usage}");
            return 2;
    }
}

if (latencyMs < 0 || vendorLatencyMs < 0 || seedCancels < 0)
{
    await Console.Error.WriteLineAsync($"Counts and latencies must not be negative. {Usage}");
    return 2;
}

await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions
{
    Port = port,
    Latency = TimeSpan.FromMilliseconds(latencyMs),
});
FakeVendorServer? vendor = withVendor ? await FakeVendorServer.StartAsync(new FakeVendorServerOptions { Latency = TimeSpan.FromMilliseconds(vendorLatencyMs) }) : null;
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
    if (stopOnStdinEof)
    {
        _ = Task.Run(async () =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await input.ReadAsync(buffer) > 0)
            {
            }

            stop.TrySetResult();
        });
    }

    await stop.Task;
    await Console.Error.WriteLineAsync("stopping");

    // What the sandbox saw, for a host that measured a processor against it.
    var calls = sandbox.CallLog;
    Console.WriteLine($"connect-calls: {calls.Total}");
    Console.WriteLine($"connect-list-calls: {calls.Count(e => e.Method == "GET" && (e.RelativePath == "/requests" || e.RelativePath == "/tier/config-requests"))}");
    Console.WriteLine($"connect-template-calls: {calls.Count(e => e.RelativePath.Contains("/templates", StringComparison.Ordinal))}");
    if (vendor is not null)
    {
        Console.WriteLine($"vendor-calls: {vendor.Calls.Count}");
    }

    foreach (var group in ids.GroupBy(id => sandbox.GetRequestStatus(id) ?? "missing").OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"requests-{group.Key}: {group.Count()}");
    }

    Console.Out.Flush();
    return 0;
}
finally
{
    if (vendor is not null)
    {
        await vendor.DisposeAsync();
    }
}
