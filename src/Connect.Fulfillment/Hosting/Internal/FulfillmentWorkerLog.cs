using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Hosting.Internal;

/// <summary>The hosted worker's log messages (event ids 3001–3099).</summary>
internal static partial class FulfillmentWorkerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Fulfillment worker started: one run now, then every {IntervalSeconds} s")]
    public static partial void Started(ILogger logger, double intervalSeconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Run {Run} finished in {ElapsedMilliseconds} ms: approved {Approved}, failed {Failed}, inquired {Inquired}, skipped {Skipped}, retry-later {RetryLater}, cancelled {Cancelled}")]
    public static partial void RunFinished(ILogger logger, int run, long elapsedMilliseconds, int approved, int failed, int inquired, int skipped, int retryLater, bool cancelled);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Request {RequestId} ({RequestType}) {Outcome}: {Reason}")]
    public static partial void RequestEnded(ILogger logger, string requestId, string requestType, string outcome, string? reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Run {Run} stopped early: {Cause}: {Error} ({Handled} requests handled before); the next run starts at the next tick")]
    public static partial void RunStopped(ILogger logger, int run, string cause, string error, int handled);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Run {Run} failed; the next run starts at the next tick")]
    public static partial void RunFailed(ILogger logger, Exception exception, int run);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Run {Run} cancelled by shutdown before it started")]
    public static partial void CancelledBeforeStart(ILogger logger, int run);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Fulfillment worker stopped after {Runs} runs")]
    public static partial void Stopped(ILogger logger, int runs);
}
