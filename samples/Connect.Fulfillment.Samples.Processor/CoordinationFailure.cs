using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// The one stderr line and exit code for a run stopped because the coordination database (the PostgreSQL leases of
/// <c>Coordination:PostgreSql:ConnectionString</c>) could not be reached. The database is named by host, port and
/// database only: the connection string itself may carry a password and is never printed.
/// </summary>
internal static class CoordinationFailure
{
    /// <summary>Whether the run stopped because of the lease provider: the pipeline's other stops carry a Connect error.</summary>
    public static bool Is(FulfillmentRunException error) => error.InnerException is not null and not ConnectApiException;

    public static int Report(IServiceProvider services, FulfillmentRunException error, TextWriter stderr)
    {
        var configured = services.GetService<IOptions<PostgreSqlCoordinationOptions>>()?.Value.ConnectionString;
        string? password = null;
        var database = "the configured database";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            password = builder.Password;
            database = $"database '{builder.Database ?? builder.Username ?? "postgres"}' on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            // Validated at start-up already; the generic wording serves.
        }

        var mask = SecretMask.ForKeys(
            services.GetRequiredService<IOptions<ConnectSettings>>().Value.ApiKey,
            services.GetRequiredService<IOptions<VendorSettings>>().Value.ApiKey,
            password);
        var cause = mask.Clean(error.InnerException!.Message);
        stderr.WriteLine($"error: the coordination database could not be reached (PostgreSQL {mask.Clean(database)}, from Coordination:PostgreSql:ConnectionString); no new request was started and the others stay pending for the next run: {cause}");
        return ExitCodes.CoordinationUnreachable;
    }
}
