using Connect.Fulfillment.Hosting;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Worker;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The long-running fulfillment host: the library's hosted worker runs the pipeline every Worker:IntervalSeconds, with
// the configuration and vendor adapters of the one-shot processor (samples/Connect.Fulfillment.Samples.Shared).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (await SampleStartup.ReportAsync(SampleStartup.CheckBeforeBuild(builder.Configuration, "Telemetry:ConsoleExporter")))
{
    return SampleStartup.ExitInvalidConfiguration;
}

await using var demo = await DemoEnvironment.StartIfUnconfiguredAsync(builder.Configuration);
var services = builder.Services;
services.AddOptions<WorkerSettings>().BindConfiguration("Worker").ValidateOnStart();
services.AddSingleton<IValidateOptions<WorkerSettings>, WorkerSettings.Validator>();
services.AddSampleProcessor(builder.Configuration, demo).AddFulfillmentWorker();
services.AddOptions<FulfillmentWorkerOptions>().Configure<IOptions<WorkerSettings>>((worker, settings) =>
    (worker.Interval, worker.UnhealthyAfter) = (settings.Value.Interval, settings.Value.UnhealthyAfter));

// Leave the pipeline its (default) grace period to apply decided outcomes when the host stops.
services.Configure<HostOptions>(host => host.ShutdownTimeout = new FulfillmentPipelineOptions().ShutdownGracePeriod + TimeSpan.FromSeconds(5));

services.AddHealthChecks().AddFulfillmentWorker();
services.AddSingleton<IHealthCheckPublisher, HealthFilePublisher>();
services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<WorkerSettings>>((publisher, settings) =>
    (publisher.Delay, publisher.Period) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Clamp(settings.Value.IntervalSeconds, 1, 30))));

if (builder.Configuration.GetValue<bool>("Telemetry:ConsoleExporter"))
{
    services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(ConnectFulfillmentTelemetry.ActivitySourceName).AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(ConnectFulfillmentTelemetry.MeterName).AddConsoleExporter());
}

var host = builder.Build();
await using var disposeHost = (IAsyncDisposable)host;
if (await SampleStartup.ReportAsync(SampleStartup.CheckAtStart(host.Services)))
{
    return SampleStartup.ExitInvalidConfiguration;
}

if (demo is not null)
{
    await Console.Out.WriteLineAsync(demo.Notice);
}

await host.RunAsync();
return 0;
