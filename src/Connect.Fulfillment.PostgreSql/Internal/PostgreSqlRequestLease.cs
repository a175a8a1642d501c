using Connect.Fulfillment.Coordination;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>A held advisory lock as a request lease; releasing never throws.</summary>
internal sealed class PostgreSqlRequestLease(string requestId, PostgresDistributedLockHandle handle, CancellationToken lostToken, ILogger logger) : IRequestLease
{
    public string RequestId => requestId;

    public CancellationToken LostToken => lostToken;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lock ends with its connection anyway; a failed release only delays the next holder until then.
            PostgreSqlLog.ReleaseFailed(logger, ex, requestId);
        }
    }
}
