using Connect.Fulfillment.Coordination;
using Medallion.Threading.Postgres;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>
/// A held advisory lock as a request lease. The lock lives in the session of a <see cref="LeaseConnection"/> shared
/// with other leases: the lease is lost when that connection is lost, and released by unlocking on it. Releasing never
/// throws.
/// </summary>
internal sealed class PostgreSqlRequestLease : IRequestLease
{
    private readonly PostgresDistributedLockHandle handle;
    private readonly LeaseConnection connection;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationToken lostToken;
    private int released;

    public PostgreSqlRequestLease(string requestId, PostgresDistributedLockHandle handle, LeaseConnection connection)
    {
        RequestId = requestId;
        this.handle = handle;
        this.connection = connection;

        // Kept apart from its source, which is disposed on release, so that the token can still be read afterwards.
        lostToken = lost.Token;
    }

    public string RequestId { get; }

    public CancellationToken LostToken => lostToken;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        try
        {
            await connection.ReleaseAsync(this, handle).ConfigureAwait(false);
        }
        finally
        {
            lost.Dispose();
        }
    }

    /// <summary>Fires <see cref="LostToken"/>, unless the lease was released first.</summary>
    internal void MarkLost()
    {
        if (Volatile.Read(ref released) != 0)
        {
            return;
        }

        try
        {
            lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Released meanwhile: nothing is lost any more.
        }
    }
}
