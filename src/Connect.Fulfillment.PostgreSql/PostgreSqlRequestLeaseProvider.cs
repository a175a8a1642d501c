using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.PostgreSql;

/// <summary>
/// Request leases held as PostgreSQL session advisory locks (through <c>DistributedLock.Postgres</c>): a lease is
/// held by a database session and ends when it is released or when that session ends, so a replica that dies
/// loses its leases with its connections and the other replicas take its requests on their next pass.
/// <para>
/// A replica holds all its leases on <see cref="PostgreSqlCoordinationOptions.ConnectionCount"/> long-lived, unpooled
/// connections, opened when first needed; taking a lease is two short queries and releasing it one, with no connection
/// opened. Each connection is checked with a trivial query on a timer (a tenth of
/// <see cref="PostgreSqlCoordinationOptions.DeadReplicaTimeout"/>): when it breaks, every lease on it is lost
/// (<see cref="IRequestLease.LostToken"/> fires), it is closed and a new one replaces it for new leases. Connections
/// are opened with the server-side TCP keepalive and client-connection check that
/// <see cref="PostgreSqlCoordinationOptions.DeadReplicaTimeout"/> sets, so the server also ends the leases of a replica
/// whose machine vanished without closing its connections. Thread-safe; dispose it to close the connections (the
/// container does).
/// </para>
/// </summary>
public sealed class PostgreSqlRequestLeaseProvider : IRequestLeaseProvider, IAsyncDisposable, IDisposable
{
    /// <summary>Prefixed to the request id before it is hashed to a 64-bit advisory lock key, to keep clear of other users' keys.</summary>
    internal const string KeyPrefix = "connect-fulfillment/request/";

    private readonly string connectionString;
    private readonly LeaseTiming timing;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Slot[] slots;
    private uint next;
    private int disposed;

    /// <summary>Creates a provider. With DI, use <c>AddPostgreSqlCoordination</c> instead.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="logger">An optional logger.</param>
    /// <param name="timeProvider">The clock of the connection checks; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each setting at fault.</exception>
    public PostgreSqlRequestLeaseProvider(PostgreSqlCoordinationOptions options, ILogger<PostgreSqlRequestLeaseProvider>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PostgreSqlCoordinationOptionsValidator.Check(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        connectionString = LeaseConnectionString.For(options.ConnectionString!, options.DeadReplicaTimeout);
        timing = LeaseTiming.For(options.DeadReplicaTimeout);
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        slots = new Slot[options.ConnectionCount];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new Slot();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The lease connection broke twice in a row while the lease was taken.</exception>
    /// <exception cref="Npgsql.NpgsqlException">A lease connection could not be opened (for example the database is down).</exception>
    public async ValueTask<IRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

        // Spread over the connections in turn; each runs its commands one at a time.
        var slot = slots[Interlocked.Increment(ref next) % (uint)slots.Length];
        for (var attempt = 1; ; attempt++)
        {
            var connection = await ConnectionAsync(slot, cancellationToken).ConfigureAwait(false);
            try
            {
                return await connection.TryAcquireAsync(requestId, cancellationToken).ConfigureAwait(false);
            }
            catch (LeaseConnectionLostException) when (attempt == 1)
            {
                // A connection that broke since its last check: once more, on a new one.
            }
        }
    }

    /// <summary>Closes the lease connections: every lease still held is lost and its lock ends with its session.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            foreach (var slot in slots)
            {
                if (Interlocked.Exchange(ref slot.Current, null) is { } connection)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Closes the lease connections, as <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            foreach (var slot in slots)
            {
                Interlocked.Exchange(ref slot.Current, null)?.Dispose();
            }
        }
    }

    /// <summary>The connections open now (for tests).</summary>
    internal int OpenConnections => slots.Count(s => Volatile.Read(ref s.Current)?.IsUsable == true);

    /// <summary>The slot's usable connection, opening one in place of a lost one; one opening at a time per slot.</summary>
    private async ValueTask<LeaseConnection> ConnectionAsync(Slot slot, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref slot.Current) is { IsUsable: true } current)
        {
            return current;
        }

        await slot.Opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref slot.Current) is { IsUsable: true } opened)
            {
                return opened;
            }

            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            var fresh = await LeaseConnection.OpenAsync(connectionString, timing, timeProvider, logger, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref slot.Current, fresh) is { } old)
            {
                // Already lost (its leases with it); this only lets go of its timer and socket.
                await old.DisposeAsync().ConfigureAwait(false);
            }

            if (Volatile.Read(ref disposed) != 0 && Interlocked.Exchange(ref slot.Current, null) is { } late)
            {
                // Disposed while this one was opening: it would never be closed otherwise.
                await late.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(GetType().FullName);
            }

            return fresh;
        }
        finally
        {
            slot.Opening.Release();
        }
    }

    private sealed class Slot
    {
        public readonly SemaphoreSlim Opening = new(1, 1);
        public LeaseConnection? Current;
    }
}
