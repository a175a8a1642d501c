using System.Diagnostics;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>The result of a request, and the status it has in Connect afterwards when known.</summary>
/// <param name="Report">The result.</param>
/// <param name="FinalStatus">The status afterwards; null when unknown.</param>
internal readonly record struct Processed(RequestResult Report, RequestStatus? FinalStatus);

/// <summary>
/// Turns a decision into Connect calls, following <see cref="OutcomeTable"/>: parameter writes, a re-read just before
/// the transition (standing down when the request moved on), the transition, and reconciliation by re-reading when
/// its answer is lost, never by sending it again. An outcome already decided is still applied when the run is
/// cancelled, within the grace period, so that a vendor side effect is not left without its Connect transition.
/// </summary>
internal sealed class OutcomeApplier(FulfillmentPipelineOptions options, TemplateResolver templates, TimeProvider timeProvider)
{
    /// <summary>Applies a decision; never throws.</summary>
    /// <param name="item">The request.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="secrets">The request's secrets; the values of password-type parameters written are added.</param>
    /// <param name="log">The request's logger.</param>
    /// <param name="runToken">The run's token: cancelling it starts the grace period.</param>
    /// <returns>What happened.</returns>
    public async Task<Processed> ApplyAsync(WorkItem item, Decision decision, RequestSecrets secrets, ILogger log, CancellationToken runToken)
    {
        var outcome = decision.Outcome;
        var rule = OutcomeTable.Of(outcome.Kind);
        var writes = Merge(Merge(decision.ContextUpdates, outcome.ParameterUpdates), outcome.InquireParameters);
        secrets.AddUpdates(writes);
        outcome = secrets.Redact(outcome);
        if (options.DryRun && decision.ByHandler)
        {
            var said = "dry run: would " + OutcomeTable.Describe(outcome, options);
            return new(new RequestResult(item.Id, item.Type, rule.Status, said, item.Kind, IsDryRun: true), item.Status);
        }

        if (rule.Call is null && writes.Count == 0)
        {
            return Done(item, rule.Status, outcome.Reason, item.Status);
        }

        if (item.LeaseLost.IsCancellationRequested)
        {
            PipelineLog.LeaseLost(log, item.Id);
            return Done(item, RequestResultStatus.RetryLater, RequestProcessor.LeaseLostReason, null);
        }

        using var apply = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var onCancel = runToken.Register(() =>
        {
            if (options.ShutdownGracePeriod <= TimeSpan.Zero)
            {
                apply.Cancel();
            }
            else
            {
                apply.CancelAfter(options.ShutdownGracePeriod);
            }
        });
        try
        {
            return rule.Call is null
                ? await KeepAsync(item, rule, outcome, writes, apply.Token).ConfigureAwait(false)
                : await TransitionAsync(item, rule, outcome, writes, secrets, log, apply.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Done(item, RequestResultStatus.RetryLater, $"the run was cancelled and the grace period ended while applying '{outcome.Kind}'; the request is re-checked next run", null);
        }
        catch (Exception ex)
        {
            // Anything unexpected while applying stays with this request: the batch goes on.
            var reason = $"applying '{outcome.Kind}' failed ({ex.GetType().Name}: {ex.Message}); the request is re-checked next run";
            PipelineLog.NotApplied(log, rule.Transition, item.Id, reason);
            return Done(item, RequestResultStatus.RetryLater, reason, null);
        }
    }

    /// <summary>A result without a Connect call.</summary>
    /// <param name="item">The request.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="reason">Why.</param>
    /// <param name="finalStatus">Its status afterwards, when known.</param>
    /// <returns>The result.</returns>
    public static Processed Done(WorkItem item, RequestResultStatus status, string? reason, RequestStatus? finalStatus)
        => new(new RequestResult(item.Id, item.Type, status, reason, item.Kind), finalStatus);

    private static List<ParameterUpdate> Merge(IReadOnlyList<ParameterUpdate> first, IReadOnlyList<ParameterUpdate> second)
    {
        var merged = new List<ParameterUpdate>(first);
        foreach (var update in second)
        {
            merged.RemoveAll(p => p.Id == update.Id);
            merged.Add(update);
        }

        return merged;
    }

    private static void Count(string transition, string result)
        => ConnectFulfillmentTelemetry.Transitions.Add(1, new TagList { { "connect.transition", transition }, { "connect.result", result } });

    /// <summary>Skip and retry later: no transition, but the parameter writes the handler made are kept.</summary>
    private static async Task<Processed> KeepAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, List<ParameterUpdate> writes, CancellationToken cancellationToken)
    {
        return await TryWriteAsync(item, writes, cancellationToken).ConfigureAwait(false) is { } failure
            ? Done(item, RequestResultStatus.RetryLater, failure, null)
            : Done(item, rule.Status, outcome.Reason, item.Status);
    }

    private static async Task<string?> TryWriteAsync(WorkItem item, List<ParameterUpdate> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return null;
        }

        try
        {
            await item.Operations.UpdateParametersAsync(item.Id, writes, cancellationToken).ConfigureAwait(false);
            Count("update-parameters", "applied");
            return null;
        }
        catch (ConnectApiException ex)
        {
            Count("update-parameters", "failed");
            return $"could not write parameters {string.Join(", ", writes.Select(u => u.Id))}: {ex.Message}";
        }
    }

    private async Task<Processed> TransitionAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, List<ParameterUpdate> writes, RequestSecrets secrets, ILogger log, CancellationToken cancellationToken)
    {
        ApproveRequest? approval = null;
        if (outcome.Kind == OutcomeKind.Approve)
        {
            (approval, var problem) = await ResolveApprovalAsync(item, outcome, cancellationToken).ConfigureAwait(false);
            if (approval is null)
            {
                return Done(item, RequestResultStatus.RetryLater, problem, item.Status);
            }
        }

        var transition = rule.Transition;
        WorkItem current;
        try
        {
            current = await item.Operations.GetAsync(item.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectApiException ex)
        {
            return Done(item, RequestResultStatus.RetryLater, $"could not re-read the request before {transition}: {ex.Message}", null);
        }

        if (!rule.AllowedFrom.Contains(current.Status))
        {
            PipelineLog.StoodDown(log, item.Id, current.Status.ToString(), transition);
            return Done(item, RequestResultStatus.Skipped, $"the request is now {current.Status}; {transition} not applied", current.Status);
        }

        if (await TryWriteAsync(item, writes, cancellationToken).ConfigureAwait(false) is { } writeFailure)
        {
            return Done(item, RequestResultStatus.RetryLater, writeFailure, current.Status);
        }

        if (item.LeaseLost.IsCancellationRequested)
        {
            // The last safe point: whoever holds the lease now may transition the request itself.
            PipelineLog.LeaseLost(log, item.Id);
            return Done(item, RequestResultStatus.RetryLater, RequestProcessor.LeaseLostReason, current.Status);
        }

        using var activity = ConnectFulfillmentTelemetry.ActivitySource.StartActivity("connect.fulfillment." + transition, ActivityKind.Internal);
        activity?.SetTag("connect.request.id", item.Id);
        try
        {
            var after = await rule.Call!(item, approval, outcome, cancellationToken).ConfigureAwait(false);
            Count(transition, "applied");
            return Done(item, rule.Status, rule.ReportsReason ? outcome.Reason : null, after ?? rule.Target);
        }
        catch (ConnectApiException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, secrets.Redact(ex.Message));
            return await ReconcileAsync(item, rule, outcome, ex, log, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a transition call failed: re-read, never re-send. Already in the target status counts as done.</summary>
    private static async Task<Processed> ReconcileAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, ConnectApiException error, ILogger log, CancellationToken cancellationToken)
    {
        var transition = rule.Transition;
        WorkItem reread;
        try
        {
            reread = await item.Operations.GetAsync(item.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectApiException ex)
        {
            Count(transition, "unknown");
            var reason = $"{transition} was not confirmed ({error.Message}) and the request could not be re-read ({ex.Message}); it is re-checked next run";
            PipelineLog.NotApplied(log, transition, item.Id, reason);
            return Done(item, RequestResultStatus.RetryLater, reason, null);
        }

        var status = reread.Status;
        if (status == rule.Target)
        {
            Count(transition, "reconciled");
            PipelineLog.Reconciled(log, transition, item.Id, status.ToString());
            return Done(item, rule.Status, rule.ReportsReason ? outcome.Reason : null, status);
        }

        Count(transition, error.IsOutcomeUnknown ? "unknown" : "rejected");
        if (status != RequestStatus.Pending && status != RequestStatus.Inquiring)
        {
            PipelineLog.StoodDown(log, item.Id, status.ToString(), transition);
            return Done(item, RequestResultStatus.Skipped, $"the request is now {status}; {transition} not applied", status);
        }

        var why = error.IsOutcomeUnknown
            ? $"Connect did not confirm the {transition} ({error.Message}); the request is still {status} and is retried next run"
            : $"Connect refused the {transition}: {error.Message}";
        PipelineLog.NotApplied(log, transition, item.Id, why);
        return Done(item, RequestResultStatus.RetryLater, why, status);
    }

    private async Task<(ApproveRequest? Approval, string? Problem)> ResolveApprovalAsync(WorkItem item, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        var operations = item.Operations;
        if (outcome.ActivationTile is { } tile)
        {
            return operations.SupportsActivationTile
                ? (ApproveRequest.WithTile(tile), null)
                : (null, $"{operations.Name} requests are approved with a template, not an activation tile; nothing was applied");
        }

        var templateId = outcome.TemplateId ?? (outcome.UsesDefaultTemplate && !string.IsNullOrWhiteSpace(options.ApproveTemplateId) ? options.ApproveTemplateId : null);
        if (templateId is not null)
        {
            return (ApproveRequest.WithTemplate(templateId), null);
        }

        var name = outcome.TemplateName ?? options.ApproveTemplateName;
        var scope = operations.TemplateScopeOf(item);
        if (string.IsNullOrEmpty(item.ProductId) || item.ProductId is not { } product)
        {
            return (null, $"the request has no product, so template '{name}' cannot be looked up");
        }

        try
        {
            var resolved = await templates.ResolveAsync(product, scope, name, cancellationToken).ConfigureAwait(false);
            return resolved is null
                ? (null, $"template '{name}' ({scope} scope) was not found for product {product}")
                : (ApproveRequest.WithTemplate(resolved), null);
        }
        catch (ConnectApiException ex)
        {
            return (null, $"could not look up template '{name}' of product {product}: {ex.Message}");
        }
    }
}
