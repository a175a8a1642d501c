using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.AspNetCore.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services behind <c>MapConnectValidation</c> and <c>MapConnectEvents</c>.</summary>
public static class ConnectWebhookServiceCollectionExtensions
{
    private const string TrimmingMessage = "Binding options from IConfiguration reads their properties by reflection; a trimmed app should use the overload that takes an Action<ConnectWebhookOptions>.";
    private const string AotMessage = "Binding options from IConfiguration may need dynamic code; a native AOT app should use the overload that takes an Action<ConnectWebhookOptions>.";

    /// <summary>
    /// Adds the webhook services with options bound from a configuration section, for example
    /// <c>services.AddConnectWebhooks(configuration.GetSection("Webhook"))</c> with <c>JwtSecret</c>, <c>ClockSkew</c>,
    /// <c>MaxBodyBytes</c>, <c>ValidatorTimeout</c> and the other <see cref="ConnectWebhookOptions"/> keys. The options are
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the <see cref="ConnectWebhookOptions"/> keys.</param>
    /// <returns>A builder to register validators with.</returns>
    [RequiresUnreferencedCode(TrimmingMessage)]
    [RequiresDynamicCode(AotMessage)]
    public static ConnectWebhookBuilder AddConnectWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectWebhookOptions>().Bind(configuration);
        return services.AddConnectWebhooks(static _ => { });
    }

    /// <summary>Adds the webhook services with options set in code; they are validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (at least <see cref="ConnectWebhookOptions.JwtSecret"/>).</param>
    /// <returns>A builder to register validators with.</returns>
    public static ConnectWebhookBuilder AddConnectWebhooks(this IServiceCollection services, Action<ConnectWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConnectWebhookOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectWebhookOptions>, ConnectWebhookOptionsValidator>());
        services.AddOptions<ValidatorRegistry>();
        services.TryAddSingleton(provider => new WebhookAuthenticator(
            provider.GetRequiredService<IOptions<ConnectWebhookOptions>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<ValidationEndpoint>(provider, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<EventsEndpoint>();
        services.TryAddSingleton<EventQueue>();
        services.AddHostedService<EventWorker>();
        return new ConnectWebhookBuilder(services);
    }
}
