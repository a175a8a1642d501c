using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>The result of a request, and the status it has in Connect afterwards when known.</summary>
/// <param name="Report">The result.</param>
/// <param name="FinalStatus">The status afterwards; null when unknown.</param>
internal readonly record struct Processed(RequestResult Report, RequestStatus? FinalStatus);

/// <summary>
/// Turns a decision into Connect calls, following <see cref="OutcomeTable"/>: from the request as listed, the parameter
/// writes, then the transition, with no read before them; <see cref="TransitionAttempts"/> re-reads only when Connect
/// refuses a call or its answer is lost, and sends again within the run only what a re-read proves was not applied.
/// An outcome already decided is still applied when the run is cancelled, within the grace period, so that a vendor
/// side effect is not left without its Connect transition.
/// </summary>
internal sealed class OutcomeApplier(FulfillmentPipelineOptions options, TemplateResolver templates, TimeProvider timeProvider)
{
    private readonly TransitionRetry retry = new(options.MaxTransitionAttempts, options.TransitionRetryDelay, timeProvider);

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

        if (rule.Call is not null && !rule.AllowedFrom.Contains(item.Status))
        {
            // Decided for a status the transition does not start from (an inquire of an inquiring request): nothing to send.
            PipelineLog.StoodDown(log, item.Id, ConnectIds.Escape(item.Status.ToString()), rule.Transition);
            return Done(item, RequestResultStatus.Skipped, $"the request is {ConnectIds.Escape(item.Status.ToString())}; {rule.Transition} not applied", item.Status);
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
        var attempts = new TransitionAttempts(retry, secrets, log);
        try
        {
            return rule.Call is null
                ? await KeepAsync(item, rule, outcome, writes, attempts, apply.Token).ConfigureAwait(false)
                : await TransitionAsync(item, rule, outcome, writes, attempts, log, apply.Token).ConfigureAwait(false);
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

    /// <summary>Skip and retry later: no transition, but the parameter writes the handler made are kept.</summary>
    private static async Task<Processed> KeepAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, List<ParameterUpdate> writes, TransitionAttempts attempts, CancellationToken cancellationToken)
    {
        return await attempts.WriteAsync(item, item.Operations.ListedStatuses, "parameters not written", writes, cancellationToken).ConfigureAwait(false) is { } ended
            ? ended
            : Done(item, rule.Status, outcome.Reason, item.Status);
    }

    private async Task<Processed> TransitionAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, List<ParameterUpdate> writes, TransitionAttempts attempts, ILogger log, CancellationToken cancellationToken)
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

        if (writes.Count > 0
            && await attempts.WriteAsync(item, rule.AllowedFrom, $"parameters not written and {rule.Transition} not applied", writes, cancellationToken).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        if (item.LeaseLost.IsCancellationRequested)
        {
            // The last safe point: whoever holds the lease now may transition the request itself.
            PipelineLog.LeaseLost(log, item.Id);
            return Done(item, RequestResultStatus.RetryLater, RequestProcessor.LeaseLostReason, item.Status);
        }

        return await attempts.SendAsync(item, rule, outcome, approval, cancellationToken).ConfigureAwait(false);
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

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var resolved = await templates.ResolveAsync(product, scope, name, cancellationToken).ConfigureAwait(false);
                return resolved is null
                    ? (null, $"template '{name}' ({scope} scope) was not found for product {product}")
                    : (ApproveRequest.WithTemplate(resolved), null);
            }
            catch (ConnectApiException ex) when (retry.MayRetry(attempt, ex))
            {
                await retry.WaitAsync(attempt, ex, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectApiException ex)
            {
                return (null, $"could not look up template '{name}' of product {product}: {ex.Message}");
            }
        }
    }
}
