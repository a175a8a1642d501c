using System.Runtime.InteropServices;
using Connect.Fulfillment;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Processor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

// The one-shot fulfillment processor: one run over every pending request of the configured products, then exit.
// Configuration: appsettings.json < environment variables < command line (see docs/configuration.md).
// Exit codes: 0 run completed, 2 invalid configuration, 3 credentials refused, 4 Connect unreachable or the run
// aborted on an unrecoverable answer, 130 cancelled (Ctrl-C / SIGTERM).
const int ExitOk = 0;
const int ExitInvalidConfiguration = 2;
const int ExitCredentialsRefused = 3;
const int ExitUnreachable = 4;
const int ExitCancelled = 130;

var stdout = Console.Out;
var stderr = Console.Error;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.FormatterName = CompactConsoleFormatter.FormatterName)
    .AddConsoleFormatter<CompactConsoleFormatter, ConsoleFormatterOptions>();
builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

try
{
    builder.Services.AddSampleProcessor(builder.Configuration);
}
catch (SampleConfigurationException ex)
{
    await stderr.WriteLineAsync("error: " + ex.Message);
    return ExitInvalidConfiguration;
}

using var cancellation = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (cancellation.IsCancellationRequested)
    {
        // A second Ctrl-C: stop at once.
        Environment.Exit(ExitCancelled);
    }

    stderr.WriteLine("cancelling: finishing the requests in progress (Ctrl-C again to stop at once)");
    cancellation.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var host = builder.Build();
await using var disposeHost = (IAsyncDisposable)host;
SampleEnvironment environment;
FulfillmentPipeline pipeline;
IConnectClient client;
try
{
    environment = host.Services.GetRequiredService<SampleEnvironment>();
    pipeline = host.Services.GetRequiredService<FulfillmentPipeline>();
    client = host.Services.GetRequiredService<IConnectClient>();
}
catch (OptionsValidationException ex)
{
    await stderr.WriteLineAsync("error: invalid configuration: " + ex.Failures.FirstOrDefault());
    return ExitInvalidConfiguration;
}

if (environment.IsDemo)
{
    await stderr.WriteLineAsync($"Connect:Endpoint is not set: running the embedded sandbox demo (Connect sandbox {environment.ConnectEndpoint}, demo vendor {environment.VendorBaseUrl}).");
}

var options = pipeline.Options;
var exitCode = ExitOk;
RunSummary? summary = null;
try
{
    var environments = options.Environments.Count == 0 ? [ConnectionType.Preview] : options.Environments.Select(e => new ConnectionType(e)).ToArray();
    var total = await client.CountRequestsAsync(new RequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] }, cancellation.Token);
    if (options.ProcessTierConfigRequests)
    {
        total += await client.CountTierConfigRequestsAsync(new TierConfigRequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] }, cancellation.Token);
    }

    using var progress = new ProgressReporter(total, stderr, TimeProvider.System);
    summary = await pipeline.RunOnceAsync(cancellation.Token);
    progress.Complete();
    if (summary.Cancelled)
    {
        exitCode = ExitCancelled;
    }
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    exitCode = ExitCancelled;
}
catch (FulfillmentRunException ex)
{
    summary = ex.Summary;
    exitCode = Describe(ex.InnerException as ConnectApiException ?? new ConnectApiException(ex.Message));
}
catch (ConnectApiException ex)
{
    exitCode = Describe(ex);
}

if (summary is not null)
{
    await stdout.WriteAsync(Report.Format(summary));
}

if (environment.IsDemo && summary is not null)
{
    await stdout.WriteLineAsync("subscriptions (final states):");
    foreach (var line in environment.DescribeDemoStates())
    {
        await stdout.WriteLineAsync("  " + line);
    }
}

if (exitCode == ExitCancelled)
{
    await stderr.WriteLineAsync("cancelled: requests not finished stay pending and are picked up by the next run.");
}

await stdout.FlushAsync();
return exitCode;

int Describe(ConnectApiException error)
{
    if (error is ConnectUnauthorizedException)
    {
        stderr.WriteLine($"error: Connect refused the credentials (HTTP {error.StatusCode}{(error.ErrorCode is { } code ? " " + code : string.Empty)}): check Connect:ApiKey and its permissions.");
        return ExitCredentialsRefused;
    }

    var what = error.StatusCode switch
    {
        0 => "Connect could not be reached",
        >= 200 and <= 299 => "Connect sent an answer that could not be read",
        _ => $"Connect answered HTTP {error.StatusCode}{(error.ErrorCode is { } c ? " " + c : string.Empty)}",
    };
    stderr.WriteLine($"error: {what}; the run stopped: {OneLine(error.Message)}");
    return ExitUnreachable;
}

static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
