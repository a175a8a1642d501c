using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Fulfillment run started for products {Products} in {Environments}")]
    public static partial void RunStarted(ILogger logger, string products, string environments);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Fulfillment run finished in {ElapsedMilliseconds} ms: {Approved} approved, {Failed} failed, {Inquired} inquired, {Skipped} skipped, {RetryLater} retry-later, {Ignored} ignored (cancelled: {Cancelled})")]
    public static partial void RunFinished(ILogger logger, long elapsedMilliseconds, int approved, int failed, int inquired, int skipped, int retryLater, int ignored, bool cancelled);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "No handler for {Kind} {RequestType} in status {Status}; request {RequestId} skipped")]
    public static partial void NoHandler(ILogger logger, string kind, string requestType, string status, string requestId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Handler of request {RequestId} failed; the request is left for a later run")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Request {RequestId} is now {Status}; standing down from {Transition}")]
    public static partial void StoodDown(ILogger logger, string requestId, string status, string transition);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Connect did not confirm {Transition} of request {RequestId}, but it is now {Status}: counted as done")]
    public static partial void Reconciled(ILogger logger, string transition, string requestId, string status);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "{Transition} of request {RequestId} not applied: {Reason}")]
    public static partial void NotApplied(ILogger logger, string transition, string requestId, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Request {RequestId}: {Result}: {Reason}")]
    public static partial void Handled(ILogger logger, string requestId, string result, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Listing {Kind} requests failed; the run stops after the requests in progress and throws FulfillmentRunException")]
    public static partial void ListingFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Connect listed a {Kind} request without an id at position {Position}; it is skipped")]
    public static partial void NoId(ILogger logger, string kind, int position);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Connect sent {Kind} request {RequestId} in a shape that could not be read; it is skipped: {Error}")]
    public static partial void Unreadable(ILogger logger, string kind, string requestId, string error);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Connect listed {Kind} request \"{RequestId}\" (escaped) whose id is not a valid Connect id; it is skipped")]
    public static partial void InvalidId(ILogger logger, string kind, string requestId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Connect listed {Kind} request {RequestId}, which is not processed: {Reason}")]
    public static partial void Refused(ILogger logger, string kind, string requestId, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "The run was cancelled: {Count} listed {Kind} requests were not started and are left untouched for the next run")]
    public static partial void NotStarted(ILogger logger, int count, string kind);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "{Transition} of request {RequestId} was not applied and the request is still {Status}: sending it again (attempt {Attempt} of {MaxAttempts})")]
    public static partial void SendingAgain(ILogger logger, string transition, string requestId, int attempt, int maxAttempts, string status);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information, Message = "Request {RequestId} changed before its handler ran: {Change}; the handler is not called")]
    public static partial void ChangedBeforeHandling(ILogger logger, string requestId, string change);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Error, Message = "The request lease provider failed while claiming {Kind} requests; no new request starts in this run, which throws FulfillmentRunException")]
    public static partial void LeasesUnavailable(ILogger logger, Exception exception, string kind);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Warning, Message = "The lease on request {RequestId} could not be released; it ends with its holder's connection")]
    public static partial void LeaseNotReleased(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 2034, Level = LogLevel.Warning, Message = "The lease on request {RequestId} was lost; its work stops and it is retried later")]
    public static partial void LeaseLost(ILogger logger, string requestId);

    /// <summary>The per-request event (2008) of a request that ended without a reason to give, such as an approval.</summary>
    public static partial class Results
    {
        [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Request {RequestId}: {Result}")]
        public static partial void Handled(ILogger logger, string requestId, string result);
    }
}
