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
/// Many leases share one connection (multiplexing), and each held lease is watched: when its connection breaks,
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
        var advisoryLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(KeyPrefix + requestId, allowHashing: true), connectionString);
        PostgresDistributedLockHandle? handle;
        try
        {
            handle = await advisoryLock.TryAcquireAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // After a server restart the pool holds connections that are all dead; start the next attempt afresh.
            using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
            throw;
        }

        if (handle is null)
        {
            return null;
        }

        CancellationToken lostToken;
        try
        {
            // Read now: it starts the watch on the connection, and the handle no longer answers once released.
            lostToken = handle.HandleLostToken;
        }
        catch
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgreSqlRequestLease(requestId, handle, lostToken, logger);
    }
}
