using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Hosting;
using Connect.Fulfillment.Hosting.Internal;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the hosted fulfillment worker.</summary>
public static class FulfillmentWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that runs this registration's <see cref="FulfillmentPipeline"/> (see
    /// <c>AddFulfillmentPipeline</c>) when the host starts and then every <see cref="FulfillmentWorkerOptions.Interval"/>,
    /// never two runs at once. A failed run is logged and the worker carries on; each run's summary is logged. On host
    /// stop the running run is cancelled and applies its decided outcomes within
    /// <see cref="FulfillmentPipelineOptions.ShutdownGracePeriod"/>: give the host a longer
    /// <c>HostOptions.ShutdownTimeout</c> (its default is 30 s, the same as the grace period). The options are validated
    /// when the host starts. Add its health check with <c>services.AddHealthChecks().AddFulfillmentWorker()</c>. It logs
    /// under the category <c>Connect.Fulfillment.Hosting.FulfillmentWorker</c>.
    /// </summary>
    /// <param name="builder">The Connect registration.</param>
    /// <param name="configure">Sets the options; may be null to keep the defaults (one run a minute).</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddFulfillmentWorker(this ConnectFulfillmentBuilder builder, Action<FulfillmentWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var name = builder.Name;
        var options = services.AddOptions<FulfillmentWorkerOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FulfillmentWorkerOptions>, FulfillmentWorkerOptionsValidator>());
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(FulfillmentWorkerState) && Equals(d.ServiceKey, name)))
        {
            // Already added for this registration: one worker per pipeline, the new settings apply to it.
            return builder;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (provider, _) => new FulfillmentWorkerState(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHostedService>(provider => new FulfillmentWorker(
            provider.GetRequiredKeyedService<FulfillmentPipeline>(name).RunOnceAsync,
            provider.GetRequiredKeyedService<FulfillmentWorkerState>(name),
            provider.GetRequiredService<IOptionsMonitor<FulfillmentWorkerOptions>>().Get(name),
            provider.GetService<ILoggerFactory>()?.CreateLogger(FulfillmentWorker.LogCategory) ?? NullLogger.Instance));
        return builder;
    }
}
