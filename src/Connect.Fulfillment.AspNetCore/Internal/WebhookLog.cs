using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>The package's log messages, with stable event ids. Ids in them were checked by <see cref="WebhookIds"/>.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(1, LogLevel.Information, "Webhook call to {Path} refused: {Reason}.")]
    public static partial void TokenRejected(ILogger logger, string? path, string reason);

    [LoggerMessage(2, LogLevel.Information, "Webhook call to {Path} refused: the body is larger than {MaxBodyBytes} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, string? path, long maxBodyBytes);

    [LoggerMessage(3, LogLevel.Information, "Webhook call to {Path} refused: {Problem}")]
    public static partial void BadRequest(ILogger logger, string? path, string problem);

    [LoggerMessage(4, LogLevel.Error, "Validator of {RequestId} ({Kind}) failed; answered 500.")]
    public static partial void ValidatorFailed(ILogger logger, string requestId, ConnectValidationKind kind, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Validator of {RequestId} ({Kind}) failed with {ExceptionType}: {Message} (redacted: the exception mentioned a password parameter's value); answered 500.")]
    public static partial void ValidatorFailedRedacted(ILogger logger, string requestId, ConnectValidationKind kind, string exceptionType, string message);

    [LoggerMessage(6, LogLevel.Error, "Validators of {RequestId} ({Kind}) took longer than {Timeout}; cancelled and answered 500.")]
    public static partial void ValidatorTimedOut(ILogger logger, string requestId, ConnectValidationKind kind, TimeSpan timeout);

    [LoggerMessage(7, LogLevel.Warning, "No validator is registered for {Kind}; {RequestId} answered unchanged.")]
    public static partial void NoValidator(ILogger logger, string requestId, ConnectValidationKind kind);

    [LoggerMessage(8, LogLevel.Information, "{RequestId} is {Status} {Type}, which is not validated; answered unchanged.")]
    public static partial void NotValidated(ILogger logger, string requestId, string status, string type);

    [LoggerMessage(9, LogLevel.Information, "Validated {RequestId} ({Kind}): {Changed} parameter(s) changed, errors: {HasErrors}.")]
    public static partial void Validated(ILogger logger, string requestId, ConnectValidationKind kind, int changed, bool hasErrors);

    [LoggerMessage(10, LogLevel.Debug, "Validation call for {RequestId} abandoned by the caller.")]
    public static partial void ValidationAbandoned(ILogger logger, string requestId);

    [LoggerMessage(11, LogLevel.Information, "Event queued: {Work}.")]
    public static partial void EventQueued(ILogger logger, string work);

    [LoggerMessage(12, LogLevel.Information, "Event for {Work} ignored: the same work is already queued or running.")]
    public static partial void EventDuplicate(ILogger logger, string work);

    [LoggerMessage(13, LogLevel.Warning, "Event for {Work} refused: {Reason}; answered 503.")]
    public static partial void EventRefused(ILogger logger, string work, string reason);

    [LoggerMessage(14, LogLevel.Information, "Event for {RequestId} processed: {Status}.")]
    public static partial void EventProcessed(ILogger logger, string requestId, string status);

    [LoggerMessage(15, LogLevel.Information, "Event-triggered run done: {Summary}.")]
    public static partial void EventRunCompleted(ILogger logger, string summary);

    [LoggerMessage(16, LogLevel.Error, "Event for {Work} failed; the request is left for a later event or polling run.")]
    public static partial void EventFailed(ILogger logger, string work, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Event for {Work} cancelled by shutdown.")]
    public static partial void EventCancelled(ILogger logger, string work);

    [LoggerMessage(18, LogLevel.Warning, "Shutting down with {Count} queued event(s) not processed; polling or a later event will pick their requests up.")]
    public static partial void EventsDropped(ILogger logger, int count);
}
