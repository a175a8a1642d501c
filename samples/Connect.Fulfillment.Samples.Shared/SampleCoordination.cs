using Connect.Fulfillment.PostgreSql;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets several sample replicas share the requests through PostgreSQL leases, when a database is configured.</summary>
public static class SampleCoordination
{
    /// <summary>
    /// With <c>Coordination:PostgreSql:ConnectionString</c> set (environment <c>Coordination__PostgreSql__ConnectionString</c>),
    /// every replica started with it claims requests through PostgreSQL leases; without it the sample runs alone, as before.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSampleCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PostgreSqlCoordinationOptions.SectionName);
        return string.IsNullOrWhiteSpace(section[nameof(PostgreSqlCoordinationOptions.ConnectionString)])
            ? services
            : services.AddPostgreSqlCoordination(section);
    }
}
