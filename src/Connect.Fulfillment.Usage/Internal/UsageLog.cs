using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>The log events of usage reporting (ids 4000–4099).</summary>
internal static partial class UsageLog
{
    [LoggerMessage(4000, LogLevel.Information, "Usage reporting for {Period} started: {ProductCount} product(s).")]
    public static partial void Started(ILogger logger, string period, int productCount);

    [LoggerMessage(4001, LogLevel.Information, "Usage file {ExternalId} ({UsageFileId}): {Outcome}, {RecordCount} record(s), {RejectedCount} rejected.")]
    public static partial void FileDone(ILogger logger, string externalId, string? usageFileId, UsageFileOutcomeKind outcome, int recordCount, int rejectedCount);

    [LoggerMessage(4002, LogLevel.Warning, "Usage file {ExternalId} needs attention ({Outcome}): {Errors}")]
    public static partial void FileProblem(ILogger logger, string externalId, UsageFileOutcomeKind outcome, string errors);

    [LoggerMessage(4003, LogLevel.Warning, "Usage record of asset {AssetId} rejected: {Reason}")]
    public static partial void RecordRejected(ILogger logger, string assetId, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "Connect's answer to {Step} of usage file {UsageFileId} was lost; re-reading the file to reconcile.")]
    public static partial void Reconciling(ILogger logger, string step, string usageFileId);

    [LoggerMessage(4005, LogLevel.Information, "Usage reporting for {Period} ended: {Created} created, {Submitted} submitted, {Skipped} skipped, {Problems} need attention, {Rejected} record(s) rejected.")]
    public static partial void Ended(ILogger logger, string period, int created, int submitted, int skipped, int problems, int rejected);

    [LoggerMessage(4006, LogLevel.Error, "Connect could not be reached ({Error}); the rest of this usage run is not attempted.")]
    public static partial void ConnectUnreachable(ILogger logger, string error);
}
