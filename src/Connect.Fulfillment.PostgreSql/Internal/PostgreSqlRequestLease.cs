using System.Data;
using Connect.Fulfillment.Coordination;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>
/// A held advisory lock as a request lease. The lock lives in the session of a connection of its own: the lease is
/// lost when that connection breaks (Npgsql's keepalive notices a dead session while the lease is idle), and released
/// by unlocking and closing it. Releasing never throws.
/// </summary>
internal sealed class PostgreSqlRequestLease : IRequestLease
{
    private readonly PostgresDistributedLockHandle handle;
    private readonly NpgsqlConnection connection;
    private readonly ILogger logger;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationToken lostToken;
    private int released;

    public PostgreSqlRequestLease(string requestId, PostgresDistributedLockHandle handle, NpgsqlConnection connection, ILogger logger)
    {
        RequestId = requestId;
        this.handle = handle;
        this.connection = connection;
        this.logger = logger;

        // Kept apart from its source, which is disposed on release, so that the token can still be read afterwards.
        lostToken = lost.Token;
        connection.StateChange += OnStateChange;
        if (connection.State != ConnectionState.Open)
        {
            Lose();
        }
    }

    public string RequestId { get; }

    public CancellationToken LostToken => lostToken;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        connection.StateChange -= OnStateChange;
        try
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // Closing the connection below ends the session, and the lock with it.
            PostgreSqlLog.ReleaseFailed(logger, ex, RequestId);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            lost.Dispose();
        }
    }

    private void OnStateChange(object sender, StateChangeEventArgs args)
    {
        if (args.CurrentState != ConnectionState.Open)
        {
            Lose();
        }
    }

    private void Lose()
    {
        if (Volatile.Read(ref released) == 0)
        {
            PostgreSqlLog.LeaseLost(logger, RequestId);

            // Cancelled off this thread: the event is raised inside Npgsql, and the token's callbacks run work of their own.
            _ = Task.Run(() =>
            {
                try
                {
                    lost.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Released meanwhile: nothing is lost any more.
                }
            });
        }
    }
}
