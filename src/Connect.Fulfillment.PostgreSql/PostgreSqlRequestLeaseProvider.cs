using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.PostgreSql.Internal;
using Medallion.Threading.Postgres;
using Npgsql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.PostgreSql;

/// <summary>
/// Request leases held as PostgreSQL session advisory locks (through <c>DistributedLock.Postgres</c>): a lease is
/// held by a database connection and ends when it is released or when that connection ends, so a replica that dies
/// loses its leases with its connection and the other replicas take its requests on their next pass.
/// <para>
/// Each held lease has a connection of its own (a replica holds as many as it has requests in progress), opened for it
/// and closed when it is released. Npgsql's keepalive checks the connection while the lease is held: when it breaks,
/// <see cref="IRequestLease.LostToken"/> fires. Connections are opened with the server-side TCP keepalive and
/// client-connection check that <see cref="PostgreSqlCoordinationOptions.DeadReplicaTimeout"/> sets, so the server
/// also ends the leases of a replica whose machine vanished without closing its connections. Thread-safe.
/// </para>
/// </summary>
public sealed class PostgreSqlRequestLeaseProvider : IRequestLeaseProvider
{
    /// <summary>Prefixed to the request id before it is hashed to a 64-bit advisory lock key, to keep clear of other users' keys.</summary>
    internal const string KeyPrefix = "connect-fulfillment/request/";

    private readonly string connectionString;
    private readonly ILogger logger;

    /// <summary>Creates a provider. With DI, use <c>AddPostgreSqlCoordination</c> instead.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="logger">An optional logger.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each setting at fault.</exception>
    public PostgreSqlRequestLeaseProvider(PostgreSqlCoordinationOptions options, ILogger<PostgreSqlRequestLeaseProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PostgreSqlCoordinationOptionsValidator.Check(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        connectionString = LeaseConnectionString.For(options.ConnectionString!, options.DeadReplicaTimeout);
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async ValueTask<IRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var advisoryLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(KeyPrefix + requestId, allowHashing: true), connection);
            var handle = await advisoryLock.TryAcquireAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (handle is not null)
            {
                return new PostgreSqlRequestLease(requestId, handle, connection, logger);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }
}
