using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>What the applier does for one kind of outcome.</summary>
/// <param name="Kind">The outcome.</param>
/// <param name="Transition">The transition's name in reasons, logs, metrics and activity names (<c>approve</c>, …).</param>
/// <param name="Status">How a request ends when the outcome is applied.</param>
/// <param name="Target">The status Connect shows once the transition is made; null when nothing is transitioned.</param>
/// <param name="AllowedFrom">The statuses a re-read request may have for the transition to be made.</param>
/// <param name="Call">The Connect call that makes the transition; null when there is none.</param>
/// <param name="ReportsReason">Whether the outcome's reason is the result's reason.</param>
internal sealed record OutcomeRule(
    OutcomeKind Kind,
    string Transition,
    RequestResultStatus Status,
    RequestStatus? Target,
    RequestStatus[] AllowedFrom,
    Func<WorkItem, ApproveRequest?, RequestOutcome, CancellationToken, Task<RequestStatus?>>? Call,
    bool ReportsReason);

/// <summary>
/// The one place where outcomes map to Connect calls, target statuses, result statuses and the words of reports.
/// </summary>
internal static class OutcomeTable
{
    private static readonly RequestStatus[] PendingOrInquiring = [RequestStatus.Pending, RequestStatus.Inquiring];

    private static readonly OutcomeRule[] Rules =
    [
        new(OutcomeKind.Approve, "approve", RequestResultStatus.Approved, RequestStatus.Approved, PendingOrInquiring, (item, approval, _, ct) => item.Operations.ApproveAsync(item.Id, approval!, ct), ReportsReason: false),
        new(OutcomeKind.Fail, "fail", RequestResultStatus.Failed, RequestStatus.Failed, PendingOrInquiring, (item, _, outcome, ct) => item.Operations.FailAsync(item.Id, outcome.Reason!, ct), ReportsReason: true),
        new(OutcomeKind.Inquire, "inquire", RequestResultStatus.Inquired, RequestStatus.Inquiring, [RequestStatus.Pending], (item, _, outcome, ct) => item.Operations.InquireAsync(item.Id, outcome.TemplateId, ct), ReportsReason: false),
        new(OutcomeKind.Pend, "pend", RequestResultStatus.Pended, RequestStatus.Pending, [RequestStatus.Inquiring], (item, _, _, ct) => item.Operations.PendAsync(item.Id, ct), ReportsReason: false),
        new(OutcomeKind.Skip, "skip", RequestResultStatus.Skipped, null, [], null, ReportsReason: true),
        new(OutcomeKind.RetryLater, "retry later", RequestResultStatus.RetryLater, null, [], null, ReportsReason: true),
    ];

    /// <summary>The words of <see cref="RequestResultStatus"/> values in reports, metrics and logs, by value.</summary>
    private static readonly string[] Words = ["approved", "failed", "inquired", "pended", "skipped", "retry-later", "ignored"];

    /// <summary>The order of the count lines of a report.</summary>
    public static readonly RequestResultStatus[] ReportOrder =
        [RequestResultStatus.Approved, RequestResultStatus.Failed, RequestResultStatus.Inquired, RequestResultStatus.Skipped, RequestResultStatus.RetryLater];

    /// <summary>The rule of an outcome.</summary>
    /// <param name="kind">The outcome.</param>
    /// <returns>The rule.</returns>
    public static OutcomeRule Of(OutcomeKind kind)
        => (uint)kind < (uint)Rules.Length ? Rules[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an outcome.");

    /// <summary>The word of a result status: <c>approved</c>, <c>failed</c>, <c>inquired</c>, <c>pended</c>, <c>skipped</c>, <c>retry-later</c>, <c>ignored</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The word.</returns>
    public static string WordOf(RequestResultStatus status) => (uint)status < (uint)Words.Length ? Words[(int)status] : status.ToString();

    /// <summary>What a dry run says it would do.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="options">The pipeline options (the default template).</param>
    /// <returns>For example <c>approve with template 'Default Activation Template' (not looked up)</c>.</returns>
    public static string Describe(RequestOutcome outcome, FulfillmentPipelineOptions options) => outcome.Kind switch
    {
        OutcomeKind.Approve when outcome.ActivationTile is not null => "approve with an activation tile",
        OutcomeKind.Approve when outcome.TemplateId is { } id => $"approve with template {id}",
        OutcomeKind.Approve when outcome.TemplateName is { } name => $"approve with template '{name}' (not looked up)",
        OutcomeKind.Approve when !string.IsNullOrWhiteSpace(options.ApproveTemplateId) => $"approve with the default template {options.ApproveTemplateId}",
        OutcomeKind.Approve => $"approve with the default template '{options.ApproveTemplateName}' (not looked up)",
        OutcomeKind.Fail => "fail: " + outcome.Reason,
        OutcomeKind.Inquire => "inquire about " + string.Join(", ", outcome.InquireParameters.Select(p => p.Id)),
        OutcomeKind.Pend => "pend",
        OutcomeKind.Skip => "skip: " + outcome.Reason,
        _ => "retry later: " + outcome.Reason,
    };
}
