using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Worker;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The long-running fulfillment host: runs the pipeline every Worker:IntervalSeconds, with the same configuration
// and vendor adapters as the one-shot processor (samples/Connect.Fulfillment.Samples.Shared).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

WorkerOptions workerOptions;
try
{
    workerOptions = WorkerOptions.Load(builder.Configuration);
    builder.Services.AddSampleProcessor(builder.Configuration);
}
catch (SampleConfigurationException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

builder.Services.AddSingleton(workerOptions);
builder.Services.AddSingleton<RunState>();
builder.Services.AddHostedService<FulfillmentWorker>();

// Leave the pipeline its grace period to apply decided outcomes when the host stops.
builder.Services.AddOptions<HostOptions>().Configure<IOptionsMonitor<FulfillmentPipelineOptions>>((host, pipeline) =>
    host.ShutdownTimeout = pipeline.Get(Options.DefaultName).ShutdownGracePeriod + TimeSpan.FromSeconds(5));

builder.Services.AddHealthChecks().AddCheck<PipelineHealthCheck>("fulfillment-pipeline");
builder.Services.AddSingleton<IHealthCheckPublisher>(provider =>
    new HealthLogPublisher(provider.GetRequiredService<ILogger<HealthLogPublisher>>(), builder.Configuration["Worker:HealthFile"]));
builder.Services.Configure<HealthCheckPublisherOptions>(o =>
{
    o.Delay = TimeSpan.FromSeconds(1);
    o.Period = TimeSpan.FromSeconds(Math.Clamp(workerOptions.Interval.TotalSeconds, 1, 30));
});

if (builder.Configuration.GetValue<bool>("Telemetry:ConsoleExporter"))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(ConnectFulfillmentTelemetry.ActivitySourceName).AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(ConnectFulfillmentTelemetry.MeterName).AddConsoleExporter());
}

var host = builder.Build();
try
{
    // Starts the embedded demo (when Connect:Endpoint is not set) before the options are validated.
    host.Services.GetRequiredService<SampleEnvironment>();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("error: invalid configuration: " + ex.Failures.FirstOrDefault());
    return 2;
}
finally
{
    await ((IAsyncDisposable)host).DisposeAsync();
}
