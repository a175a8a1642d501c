using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>Returned by <c>services.AddConnectWebhooks(...)</c> to register validators.</summary>
public sealed class ConnectWebhookBuilder
{
    internal ConnectWebhookBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }
}
