using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.PostgreSql.Internal;

internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The PostgreSQL lease on request {RequestId} could not be released; it ends with its connection, which is closed")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The PostgreSQL connection holding the lease on request {RequestId} ended; the lease is lost")]
    public static partial void LeaseLost(ILogger logger, string requestId);
}
