using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Processor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The one-shot fulfillment processor: one run over every pending request of the configured products, then exit.
// Configuration: appsettings.json < environment variables < command line (docs/configuration.md). Exit codes: ExitCodes.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (await SampleStartup.ReportAsync(SampleStartup.CheckBeforeBuild(builder.Configuration)))
{
    return ExitCodes.InvalidConfiguration;
}

builder.Logging.AddCompactConsole();
await using var demo = await DemoEnvironment.StartIfUnconfiguredAsync(builder.Configuration);
builder.Services.AddSampleProcessor(builder.Configuration, demo);

var host = builder.Build();
await using var disposeHost = (IAsyncDisposable)host;
if (await SampleStartup.ReportAsync(SampleStartup.CheckAtStart(host.Services)))
{
    return ExitCodes.InvalidConfiguration;
}

using var signals = CancellationSignals.Listen(Console.Error);
return await new ProcessorRun(host.Services, demo, Console.Out, Console.Error).ExecuteAsync(signals.Token);
