using System.Data;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>
/// One long-lived, unpooled connection that holds many leases as session advisory locks. Its commands run one at a
/// time (an <see cref="NpgsqlConnection"/> runs one command at once). A timer on the provider's
/// <see cref="TimeProvider"/> checks it with a trivial query; when that fails or does not answer in time, or the
/// connection closes, it is lost: every lease on it is lost with it, it is closed (ending the session and its locks),
/// and no lease is granted on it again.
/// </summary>
internal sealed class LeaseConnection : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly LeaseTiming timing;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<PostgreSqlRequestLease> held = [];
    private readonly object sync = new();
    private readonly ITimer timer;
    private bool lost;
    private int checking;

    private LeaseConnection(NpgsqlConnection connection, LeaseTiming timing, TimeProvider timeProvider, ILogger logger)
    {
        this.connection = connection;
        this.timing = timing;
        this.timeProvider = timeProvider;
        this.logger = logger;
        connection.StateChange += OnStateChange;
        timer = timeProvider.CreateTimer(static state => ((LeaseConnection)state!).OnTimer(), this, timing.CheckInterval, timing.CheckInterval);
    }

    /// <summary>False once the connection is lost or closed: no lease is granted on it any more.</summary>
    public bool IsUsable
    {
        get
        {
            lock (sync)
            {
                return !lost && connection.State == ConnectionState.Open;
            }
        }
    }

    /// <summary>How many leases are held on the connection now.</summary>
    public int HeldCount
    {
        get
        {
            lock (sync)
            {
                return held.Count;
            }
        }
    }

    public static async Task<LeaseConnection> OpenAsync(string connectionString, LeaseTiming timing, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new LeaseConnection(connection, timing, timeProvider, logger);
    }

    /// <summary>Tries the advisory lock of <paramref name="requestId"/> on this connection, without waiting for its holder.</summary>
    /// <returns>The lease; null when another session holds the lock.</returns>
    /// <exception cref="LeaseConnectionLostException">The connection was or became unusable; nothing is held.</exception>
    public async Task<PostgreSqlRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        PostgresDistributedLockHandle? handle;
        try
        {
            if (!IsUsable)
            {
                throw new LeaseConnectionLostException();
            }

            // The lock commands run to their end even when the caller gives up: a command cut halfway could leave the
            // lock taken with nobody knowing. Each is one short round trip; a connection that hangs is lost by the check.
            var advisoryLock = new PostgresDistributedLock(LeaseKeys.For(requestId), connection);
            handle = await advisoryLock.TryAcquireAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException && ex is not LeaseConnectionLostException)
        {
            Lose();
            throw new LeaseConnectionLostException(ex);
        }
        finally
        {
            gate.Release();
        }

        if (handle is null)
        {
            return null;
        }

        var lease = new PostgreSqlRequestLease(requestId, handle, this);
        lock (sync)
        {
            if (!lost)
            {
                held.Add(lease);
                return lease;
            }
        }

        // Lost between the lock and here: the session, and the lock with it, is gone.
        throw new LeaseConnectionLostException();
    }

    /// <summary>Unlocks a lease's advisory lock; when that fails the connection is lost, ending the lock with the session.</summary>
    public async Task ReleaseAsync(PostgreSqlRequestLease lease, PostgresDistributedLockHandle handle)
    {
        lock (sync)
        {
            if (!held.Remove(lease) || lost)
            {
                // Lost with the connection: the session that held the lock is gone.
                return;
            }
        }

        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            PostgreSqlLog.ReleaseFailed(logger, ex, lease.RequestId);
            Lose();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Checks the connection now; normally the timer does, on <see cref="LeaseTiming.CheckInterval"/>.</summary>
    /// <returns>Whether the connection is still usable.</returns>
    public async Task<bool> CheckAsync()
    {
        if (!IsUsable)
        {
            Lose();
            return false;
        }

        // A connection that cannot run a trivial query within the timeout (a command stuck on a vanished network
        // included) is lost here, well before the server drops the session and other replicas take its requests.
        using var timeout = new CancellationTokenSource(timing.CheckTimeout, timeProvider);
        var entered = false;
        try
        {
            await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
            entered = true;
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            PostgreSqlLog.ConnectionCheckFailed(logger, ex, HeldCount);
            Lose();
            return false;
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await timer.DisposeAsync().ConfigureAwait(false);
        Lose();
        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Loses the leases still held and closes the connection in the background, without waiting.</summary>
    public void Dispose()
    {
        timer.Dispose();
        Lose();
    }

    /// <summary>
    /// Closes the connection once its command in progress, if any, ends: a connection runs one command at a time, even
    /// to be closed. A command that does not end within the check timeout is cut by closing anyway.
    /// </summary>
    private async Task CloseAsync()
    {
        using var patience = new CancellationTokenSource(timing.CheckTimeout, timeProvider);
        var entered = false;
        try
        {
            await gate.WaitAsync(patience.Token).ConfigureAwait(false);
            entered = true;
        }
        catch (OperationCanceledException)
        {
            // Stuck on a dead network: closed regardless.
        }

        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // Already broken: nothing more to end.
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref checking, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await CheckAsync().ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref checking, 0);
                }
            });
        }
    }

    private void OnStateChange(object sender, StateChangeEventArgs args)
    {
        if (args.CurrentState != ConnectionState.Open)
        {
            Lose();
        }
    }

    /// <summary>Marks the connection lost, fires every held lease's lost token and closes the connection in the background.</summary>
    private void Lose()
    {
        PostgreSqlRequestLease[] leases;
        lock (sync)
        {
            if (lost)
            {
                return;
            }

            lost = true;
            leases = [.. held];
            held.Clear();
        }

        timer.Dispose();
        connection.StateChange -= OnStateChange;
        if (leases.Length > 0)
        {
            PostgreSqlLog.LeasesLost(logger, leases.Length);
        }

        // Off the caller's thread: Lose can run inside Npgsql's own event, and the tokens' callbacks do work of their own.
        // Closing ends the session, so a lock it might still hold (a broken release) cannot outlive it.
        _ = Task.Run(async () =>
        {
            foreach (var lease in leases)
            {
                lease.MarkLost();
            }

            await CloseAsync().ConfigureAwait(false);
        });
    }
}
