using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment;

internal static partial class ConnectClientLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Connect {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void Answered(ILogger logger, string method, string path, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Connect {Method} {Path} failed with {StatusCode} {ErrorCode}: {Errors}")]
    public static partial void Failed(ILogger logger, string method, string path, int statusCode, string? errorCode, string errors);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Connect {Method} {Path} got no usable answer: {Reason}")]
    public static partial void NoAnswer(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Connect GET {Path} sent item {Position} (id {Id}) in a shape that could not be read; it is left out: {Error}")]
    public static partial void UnreadableItem(ILogger logger, string path, int position, string? id, string error);
}
