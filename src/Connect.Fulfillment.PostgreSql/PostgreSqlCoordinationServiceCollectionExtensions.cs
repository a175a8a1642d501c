using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PostgreSQL request leases, so that several replicas share the pending requests.</summary>
public static class PostgreSqlCoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Makes every fulfillment pipeline of the container claim requests through PostgreSQL advisory-lock leases
    /// (<see cref="PostgreSqlRequestLeaseProvider"/>), in place of the in-process default. Give every replica the same
    /// database. The options are validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The connection string (Npgsql format).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPostgreSqlCoordination(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddPostgreSqlCoordination(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers PostgreSQL request leases with options bound from a configuration section, for example
    /// <c>services.AddPostgreSqlCoordination(configuration.GetSection("Coordination:PostgreSql"))</c> with the keys
    /// <c>ConnectionString</c>, <c>DeadReplicaTimeout</c> (<c>00:00:30</c>) and <c>ConnectionCount</c> (<c>4</c>). Otherwise as the other overloads.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the <see cref="PostgreSqlCoordinationOptions"/> keys.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPostgreSqlCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PostgreSqlCoordinationOptions>().Bind(configuration);
        return services.AddPostgreSqlCoordination(static _ => { });
    }

    /// <summary>Registers PostgreSQL request leases with options set by a delegate. Otherwise as the other overloads.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPostgreSqlCoordination(this IServiceCollection services, Action<PostgreSqlCoordinationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgreSqlCoordinationOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlCoordinationOptions>, PostgreSqlCoordinationOptionsValidator>());

        // Replaces the in-process default when the pipeline was registered first; registered first, it keeps the
        // pipeline's TryAdd from adding the default at all.
        services.Replace(ServiceDescriptor.Singleton<IRequestLeaseProvider>(provider => new PostgreSqlRequestLeaseProvider(
            provider.GetRequiredService<IOptions<PostgreSqlCoordinationOptions>>().Value,
            provider.GetService<ILogger<PostgreSqlRequestLeaseProvider>>(),
            provider.GetService<TimeProvider>())));
        return services;
    }
}
