namespace Connect.Fulfillment.Pipeline;

/// <summary>The result of one request in a run.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="RequestType">The request type (for example <c>cancel</c>, or <c>setup</c> for a tier configuration request).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Reason">Why, when it did not end approved (and for dry runs, what would have been done).</param>
/// <param name="Kind">Whether this is a fulfillment or a tier configuration request.</param>
/// <param name="IsDryRun">Whether this was decided in dry-run mode, where nothing was written.</param>
public sealed record RequestResult(
    string RequestId,
    string RequestType,
    RequestResultStatus Status,
    string? Reason,
    RequestKind Kind = RequestKind.Fulfillment,
    bool IsDryRun = false);
