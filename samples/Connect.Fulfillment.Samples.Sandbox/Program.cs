using System.Runtime.InteropServices;
using Connect.Fulfillment.Samples.Sandbox;
using Connect.Fulfillment.Testing;

// Starts a local Connect sandbox (and optionally a fake vendor API) seeded with pending cancel requests, with optional
// latency and seeded faults, prints "key: value" lines for the host to pick up, serves JSON views of its state and
// takes orders (purchase drafts, cancels) on inspect-url, calls the product's validation and events webhooks when
// --validation-webhook/--events-webhook are given, and runs until Ctrl-C or SIGTERM (or, with --stop-on-stdin-eof,
// until its standard input closes). When it stops it prints what it saw: calls received and request statuses.
// Options: SandboxArguments.
//   dotnet run --project samples/Connect.Fulfillment.Samples.Sandbox -- --seed-cancels 2000 --latency-ms 20 --vendor
const string ProductId = SeededProduct.ProductId;
var arguments = SandboxArguments.Parse(args, Environment.GetEnvironmentVariable, out var error);
if (arguments is null)
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

if (arguments.MaxLatencyMs < arguments.LatencyMs)
{
    await Console.Error.WriteLineAsync($"--max-latency-ms must not be below --latency-ms. {SandboxArguments.Usage}");
    return 2;
}

await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions
{
    Port = arguments.Port,
    Seed = arguments.Seed,
    Latency = TimeSpan.FromMilliseconds(arguments.LatencyMs),
    MaxLatency = arguments.MaxLatencyMs is { } max ? TimeSpan.FromMilliseconds(max) : null,
});
FakeVendorServer? vendor = arguments.WithVendor ? await FakeVendorServer.StartAsync(new FakeVendorServerOptions { Latency = TimeSpan.FromMilliseconds(arguments.VendorLatencyMs) }) : null;
try
{
    var ids = sandbox.SeedRequests(arguments.SeedCancels, SeededProduct.SeededCancel);
    var seeded = ids.Select((id, i) => (id, SeededProduct.SeededSubscription(i))).ToList();

    // Added after the seeded cancels, so its events webhook does not announce them: they are a backlog from before the
    // webhook existed, and the web host that would take them is usually not listening yet (docs/webhooks.md).
    SeededProduct.Add(sandbox, arguments);
    UsageSeed.Seed(sandbox, vendor, arguments.SeedUsage);

    if (vendor is not null)
    {
        // Every --fail-every'th subscription is unknown to the vendor, so the processor fails that cancel.
        var known = seeded.Where((_, i) => arguments.FailEvery == 0 || (i + 1) % arguments.FailEvery != 0).ToList();
        foreach (var (requestId, subscriptionId) in known)
        {
            vendor.SeedSubscription(subscriptionId, sandbox.GetRequestAssetId(requestId), ProductId);
        }

        FaultPlan.AddVendorFaults(vendor, known.Select(k => k.Item2), arguments);
    }

    // Added after seeding, so the seeded random source draws the same faults for the same calls on every run.
    FaultPlan.AddConnectFaults(sandbox, arguments);
    var view = new SandboxView(sandbox, vendor, seeded);
    await using var inspection = await InspectionServer.StartAsync(view, new OrderRoutes(sandbox, vendor, view));

    Console.WriteLine($"connect-url: {sandbox.BaseUrl}");
    Console.WriteLine($"connect-api-key: {sandbox.ApiKey}");
    if (vendor is not null)
    {
        Console.WriteLine($"vendor-url: {vendor.BaseUrl}");
        Console.WriteLine($"vendor-api-key: {vendor.ApiKey}");
    }

    Console.WriteLine($"inspect-url: {inspection.BaseUrl}");
    Console.WriteLine($"product: {ProductId}");
    if (WebhooksLine(arguments) is { } webhooks)
    {
        Console.WriteLine($"webhooks: {webhooks}");
    }
    if (arguments.SeedUsage > 0)
    {
        Console.WriteLine($"usage-product: {UsageSeed.ProductId}");
    }

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
    if (arguments.StopOnStdinEof)
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
    foreach (var line in view.Tally())
    {
        Console.WriteLine(line);
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

// The URLs only: the secret is never printed.
static string? WebhooksLine(SandboxArguments arguments)
{
    var parts = new List<string>();
    if (arguments.ValidationWebhook is { } validation)
    {
        parts.Add($"validation {validation}");
    }

    if (arguments.EventsWebhook is { } events)
    {
        parts.Add($"events {events}");
    }

    return parts.Count == 0 ? null : string.Join(", ", parts);
}
