using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddConnectFulfillment(...)</c> to chain further registrations for one Connect account:
/// vendor adapters, handlers, HTTP handlers.
/// </summary>
public sealed class ConnectFulfillmentBuilder
{
    internal ConnectFulfillmentBuilder(IServiceCollection services, string name, IHttpClientBuilder httpClientBuilder)
    {
        Services = services;
        Name = name;
        HttpClientBuilder = httpClientBuilder;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The registration name: empty for the default account, else the key of the keyed <see cref="IConnectClient"/>.</summary>
    public string Name { get; }

    /// <summary>The builder of the named <see cref="HttpClient"/> the client uses; add your own handlers here.</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }
}
