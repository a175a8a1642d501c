using Connect.Fulfillment;
using Connect.Fulfillment.Client.Internal;
using Connect.Fulfillment.DependencyInjection;
using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.DependencyInjection.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Connect fulfillment client.</summary>
public static class ConnectFulfillmentServiceCollectionExtensions
{
    /// <summary>The prefix of the named <see cref="HttpClient"/> of each registration.</summary>
    internal const string HttpClientNamePrefix = "Connect.Fulfillment";

    /// <summary>
    /// Registers the default Connect account: <see cref="IConnectClient"/> as a singleton, options validated at start-up,
    /// a named <see cref="HttpClient"/> with the Connect retry rules (see <see cref="ConnectResilience"/>) and HTTP
    /// logging that never carries the <c>Authorization</c> header's value (not even as a structured log value).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (endpoint, API key, …).</param>
    /// <returns>A builder for further registrations.</returns>
    public static ConnectFulfillmentBuilder AddConnectFulfillment(this IServiceCollection services, Action<ConnectClientOptions> configure)
        => services.AddConnectFulfillment(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers the default Connect account with options bound from a configuration section, for example
    /// <c>services.AddConnectFulfillment(configuration.GetSection("Connect"))</c> with keys such as <c>ApiKey</c>,
    /// <c>Endpoint</c> and <c>Timeout</c> (<c>00:01:40</c>). Otherwise as <see cref="AddConnectFulfillment(IServiceCollection, Action{ConnectClientOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the <see cref="ConnectClientOptions"/> keys.</param>
    /// <returns>A builder for further registrations.</returns>
    [RequiresUnreferencedCode(ConfigurationBinding.TrimmingMessage)]
    [RequiresDynamicCode(ConfigurationBinding.AotMessage)]
    public static ConnectFulfillmentBuilder AddConnectFulfillment(this IServiceCollection services, IConfiguration configuration)
        => services.AddConnectFulfillment(Options.Options.DefaultName, configuration);

    /// <summary>Registers a Connect account under a name, with options bound from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account name.</param>
    /// <param name="configuration">The section holding the <see cref="ConnectClientOptions"/> keys.</param>
    /// <returns>A builder for further registrations.</returns>
    /// <exception cref="InvalidOperationException">This account name is already registered.</exception>
    [RequiresUnreferencedCode(ConfigurationBinding.TrimmingMessage)]
    [RequiresDynamicCode(ConfigurationBinding.AotMessage)]
    public static ConnectFulfillmentBuilder AddConnectFulfillment(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddConnectFulfillment(name, static _ => { });
        services.AddOptions<ConnectClientOptions>(name).Bind(configuration);
        return builder;
    }

    /// <summary>
    /// Registers a Connect account under a name, for hosts that talk to several accounts. The client is a keyed
    /// singleton: inject it with <c>[FromKeyedServices("name")] IConnectClient</c>. The default (empty) name also
    /// registers the unkeyed <see cref="IConnectClient"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for further registrations.</returns>
    /// <exception cref="InvalidOperationException">This account name is already registered.</exception>
    public static ConnectFulfillmentBuilder AddConnectFulfillment(this IServiceCollection services, string name, Action<ConnectClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IConnectClient) && Equals(d.ServiceKey, name)))
        {
            // A second registration would chain a second retry handler into the same named HttpClient and silently
            // mix two sets of options; one call per account keeps the behaviour the options describe.
            var account = name.Length == 0 ? "The default Connect account" : $"The Connect account '{name}'";
            throw new InvalidOperationException($"{account} is already registered: call AddConnectFulfillment once per account name (use a different name for another account).");
        }

        services.AddOptions<ConnectClientOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectClientOptions>, ConnectClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var httpClientName = name.Length == 0 ? HttpClientNamePrefix : $"{HttpClientNamePrefix}:{name}";
        var httpClientBuilder = services.AddHttpClient(httpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddLogger(
                provider => new ConnectHttpClientLogger(
                    (ILogger?)provider.GetService<ILoggerFactory>()?.CreateLogger($"System.Net.Http.HttpClient.{httpClientName}.LogicalHandler") ?? NullLogger.Instance,
                    SecretText.ForApiKey(provider.GetRequiredService<IOptionsMonitor<ConnectClientOptions>>().Get(name).ApiKey)),
                wrapHandlersPipeline: true);
        httpClientBuilder.AddResilienceHandler("connect", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ConnectClientOptions>>().Get(name);
            ConnectResilience.Configure(pipeline, options, context.ServiceProvider.GetService<TimeProvider>());
        });
        httpClientBuilder.AddHttpMessageHandler(() => new BufferingHandler());

        services.AddKeyedSingleton<IConnectClient>(name, (provider, _) => CreateClient(provider, name, httpClientName));
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredKeyedService<IConnectClient>(name));
        }

        return new ConnectFulfillmentBuilder(services, name, httpClientBuilder);
    }

    private static ConnectClient CreateClient(IServiceProvider provider, string name, string httpClientName)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<ConnectClientOptions>>().Get(name);
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<ConnectClient>();
        return new ConnectClient(() => factory.CreateClient(httpClientName), null, options, logger, provider.GetService<TimeProvider>());
    }
}
