using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.PostgreSql.Internal;

internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The PostgreSQL lease on request {RequestId} could not be released; its connection is closed, which ends the lease")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "A PostgreSQL lease connection ended; the {Count} leases it held are lost")]
    public static partial void LeasesLost(ILogger logger, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "A PostgreSQL lease connection failed its check and is closed; it held {Count} leases")]
    public static partial void ConnectionCheckFailed(ILogger logger, Exception exception, int count);
}
