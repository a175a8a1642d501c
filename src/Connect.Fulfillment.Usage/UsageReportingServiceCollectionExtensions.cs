using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment;
using Connect.Fulfillment.Usage;
using Connect.Fulfillment.Usage.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers usage reporting.</summary>
public static class UsageReportingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UsageReporter"/> with the vendor's usage source, options validated at start. The Connect
    /// client comes from <c>services.AddConnectFulfillment(...)</c>, registered separately.
    /// </summary>
    /// <typeparam name="TSource">The vendor's <see cref="IUsageSource"/>, registered as a singleton unless already registered.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (products, currency, …).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConnectUsageReporting<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(this IServiceCollection services, Action<UsageReportingOptions> configure)
        where TSource : class, IUsageSource
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton<IUsageSource, TSource>();
        services.AddOptions<UsageReportingOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsageReportingOptions>, UsageReportingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new UsageReporter(
            sp.GetRequiredService<IConnectClient>(),
            sp.GetRequiredService<IUsageSource>(),
            sp.GetRequiredService<IOptions<UsageReportingOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<UsageReporter>>()));
        return services;
    }
}
