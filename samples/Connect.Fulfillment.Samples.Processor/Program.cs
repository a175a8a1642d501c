using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Processor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The one-shot fulfillment processor: one run over every pending request of the configured products, then exit.
// Configuration: appsettings.json < environment variables < command line (docs/configuration.md). Exit codes: ExitCodes.
// With "usage" as the first argument it reports last month's pay-as-you-go usage instead (UsageMode, docs/usage.md).
var usage = UsageMode.Select(ref args);
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (await SampleStartup.ReportAsync(SampleStartup.CheckBeforeBuild(builder.Configuration)))
{
    return ExitCodes.InvalidConfiguration;
}

string? periodProblem = null;
var period = usage ? UsageMode.Period(builder.Configuration, TimeProvider.System, out periodProblem) : null;
if (await SampleStartup.ReportAsync(periodProblem))
{
    return ExitCodes.InvalidConfiguration;
}

builder.Logging.AddCompactConsole();
await using var demo = await DemoEnvironment.StartIfUnconfiguredAsync(builder.Configuration);
builder.Services.AddSampleProcessor(builder.Configuration, demo);
if (usage)
{
    builder.Services.AddSampleUsage(demo);
}

var host = builder.Build();
await using var disposeHost = (IAsyncDisposable)host;
if (await SampleStartup.ReportAsync(SampleStartup.CheckAtStart(host.Services)))
{
    return ExitCodes.InvalidConfiguration;
}

using var signals = CancellationSignals.Listen(Console.Error);
return period is { } month
    ? await new UsageRun(host.Services, demo, month, Console.Out, Console.Error).ExecuteAsync(signals.Token)
    : await new ProcessorRun(host.Services, demo, Console.Out, Console.Error).ExecuteAsync(signals.Token);
