using Connect.Fulfillment.Models;
using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Usage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registration of the processor's usage mode, on top of <see cref="SampleServiceCollectionExtensions.AddSampleProcessor"/>.</summary>
public static class SampleUsageServiceCollectionExtensions
{
    /// <summary>How often a file Connect is still processing is read again (the reporter waits up to its default 5 minutes).</summary>
    public static readonly TimeSpan ProcessingPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Registers the usage reporter with the HTTP usage source (<see cref="HttpUsageSource"/>) on the vendor client that
    /// <c>AddSampleProcessor</c> configured. The products are <c>Connect:Products</c> and the asset environments
    /// <c>Connect:Environments</c> (default <c>preview</c>), as for processing; the demo's pay-as-you-go product with
    /// the embedded demo.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="demo">The embedded demo, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSampleUsage(this IServiceCollection services, DemoEnvironment? demo = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<VendorUsageApi>();
        services.TryAddSingleton<VendorOutageMonitor>();
        services.AddConnectUsageReporting<HttpUsageSource>(o => o.ProcessingPollInterval = ProcessingPollInterval);
        services.AddOptions<UsageReportingOptions>().Configure<IOptions<ConnectSettings>>((options, connect) =>
        {
            var products = demo is not null ? [DemoEnvironment.DemoUsageProductId] : connect.Value.ProductIds.ToList();
            var environments = demo is not null || connect.Value.Environments.Count == 0 ? ["preview"] : connect.Value.Environments;
            foreach (var product in products)
            {
                options.ProductIds.Add(product);
            }

            foreach (var environment in environments)
            {
                options.Environments.Add(new ConnectionType(environment));
            }
        });
        return services;
    }
}
