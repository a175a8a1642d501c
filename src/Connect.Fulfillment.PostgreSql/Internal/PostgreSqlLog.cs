using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.PostgreSql.Internal;

internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The PostgreSQL lease on request {RequestId} could not be released; it ends with its connection")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string requestId);
}
