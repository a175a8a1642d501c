using System.Diagnostics;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// Handles one request end to end: routing, the handler (isolated: its exception or timeout only affects its own
/// request), and applying the outcome with a re-read before the transition and reconciliation after a lost answer.
/// Never throws except for cancellation of a request it has not started.
/// </summary>
internal sealed class RequestProcessor<T>(
    RequestKind<T> kind,
    FulfillmentPipelineOptions options,
    IServiceProvider services,
    TemplateResolver templates,
    ILogger logger,
    TimeProvider timeProvider) where T : class
{
    /// <summary>The result, and the status the request has in Connect afterwards when known.</summary>
    internal readonly record struct Processed(RequestResult Report, RequestStatus? FinalStatus)
    {
        public bool StillListed(IReadOnlyCollection<RequestStatus> statuses) => FinalStatus is not { } status || statuses.Contains(status);
    }

    public async Task<Processed> ProcessAsync(T request, CancellationToken runToken)
    {
        var id = kind.IdOf(request);
        var type = RequestTypeNames.Share(kind.TypeOf(request));
        var started = timeProvider.GetTimestamp();
        using var logScope = logger.BeginScope(kind.ScopeOf(request));
        using var activity = ConnectFulfillmentTelemetry.ActivitySource.StartActivity("connect.fulfillment.process", ActivityKind.Internal);
        if (activity is not null)
        {
            foreach (var tag in kind.ScopeOf(request))
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        var secrets = RequestSecrets.Of(kind.ParametersOf(request));
        var log = secrets.IsEmpty ? logger : secrets.Wrap(logger);
        var processed = await DecideAndApplyAsync(request, id, type, secrets, log, runToken).ConfigureAwait(false);
        if (!secrets.IsEmpty)
        {
            processed = processed with { Report = processed.Report with { Reason = secrets.Redact(processed.Report.Reason) } };
        }

        var outcomeName = RunSummary.NameOf(processed.Report.Status);
        activity?.SetTag("connect.outcome", outcomeName);
        if (processed.Report.Status == RequestResultStatus.RetryLater)
        {
            activity?.SetStatus(ActivityStatusCode.Error, processed.Report.Reason);
        }

        var tags = new TagList { { "connect.request.kind", kind.Name }, { "connect.request.type", type }, { "connect.outcome", outcomeName } };
        ConnectFulfillmentTelemetry.Requests.Add(1, tags);
        ConnectFulfillmentTelemetry.Duration.Record(timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        PipelineLog.Handled(log, id, outcomeName, processed.Report.Reason);
        return processed;
    }

    private async Task<Processed> DecideAndApplyAsync(T request, string id, string type, RequestSecrets secrets, ILogger log, CancellationToken runToken)
    {
        var status = kind.StatusOf(request);
        (RequestOutcome Outcome, IReadOnlyList<ParameterUpdate> Updates)? decision;
        var scope = services.GetService<IServiceScopeFactory>()?.CreateAsyncScope();
        try
        {
            using var handlerTimeout = CancellationTokenSource.CreateLinkedTokenSource(runToken);
            handlerTimeout.CancelAfter(options.HandlerTimeout);
            try
            {
                decision = await kind.HandleAsync(request, scope?.ServiceProvider ?? services, options.DryRun, handlerTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return Result(RequestResultStatus.RetryLater, "the run was cancelled before the handler decided; nothing was applied", status);
            }
            catch (OperationCanceledException ex) when (handlerTimeout.IsCancellationRequested)
            {
                PipelineLog.HandlerFailed(log, ex, id);
                return Result(RequestResultStatus.RetryLater, $"the handler did not decide within {options.HandlerTimeout}; nothing was applied", status);
            }
            catch (Exception ex)
            {
                PipelineLog.HandlerFailed(log, ex, id);
                return Result(RequestResultStatus.RetryLater, $"the handler failed ({ex.GetType().Name}: {ex.Message}); nothing was applied", status);
            }
        }
        finally
        {
            if (scope is { } created)
            {
                await created.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (decision is not { } decided)
        {
            PipelineLog.NoHandler(log, kind.Name, type, status.ToString(), id);
            return Result(RequestResultStatus.Skipped, $"no handler for {type} requests in status {status}", status);
        }

        secrets.AddUpdates(decided.Updates);
        secrets.AddUpdates(decided.Outcome.InquireParameters);
        if (options.DryRun)
        {
            return new Processed(new RequestResult(id, type, StatusFor(decided.Outcome.Kind), "dry run: would " + Describe(decided.Outcome), kind is TierConfigRequestKind, IsDryRun: true), status);
        }

        // An outcome already decided is applied even when the run is being cancelled, within the grace period,
        // so that a vendor side effect is not left without its Connect transition.
        using var apply = new CancellationTokenSource();
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
            return await ApplyAsync(request, id, type, decided.Outcome, decided.Updates, secrets, log, apply.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Result(RequestResultStatus.RetryLater, $"the run was cancelled and the grace period ended while applying '{decided.Outcome.Kind}'; the request is re-checked next run", null);
        }
        catch (Exception ex)
        {
            // Anything unexpected while applying stays with this request: the batch goes on.
            var reason = $"applying '{decided.Outcome.Kind}' failed ({ex.GetType().Name}: {ex.Message}); the request is re-checked next run";
            PipelineLog.NotApplied(log, decided.Outcome.Kind.ToString().ToLowerInvariant(), id, reason);
            return Result(RequestResultStatus.RetryLater, reason, null);
        }

        Processed Result(RequestResultStatus resultStatus, string reason, RequestStatus? finalStatus)
            => new(new RequestResult(id, type, resultStatus, reason, kind is TierConfigRequestKind), finalStatus);
    }

    private async Task<Processed> ApplyAsync(T request, string id, string type, RequestOutcome outcome, IReadOnlyList<ParameterUpdate> updates, RequestSecrets secrets, ILogger log, CancellationToken cancellationToken)
    {
        Processed Done(RequestResultStatus status, string? reason, RequestStatus? final)
            => new(new RequestResult(id, type, status, reason, kind is TierConfigRequestKind), final);

        if (outcome.Kind is OutcomeKind.Skip or OutcomeKind.RetryLater)
        {
            if (updates.Count > 0 && await TryWriteParametersAsync(id, updates, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return Done(RequestResultStatus.RetryLater, failure, null);
            }

            return Done(outcome.Kind == OutcomeKind.Skip ? RequestResultStatus.Skipped : RequestResultStatus.RetryLater, outcome.Reason, kind.StatusOf(request));
        }

        ApproveRequest? approval = null;
        if (outcome.Kind == OutcomeKind.Approve)
        {
            var (resolved, problem) = await ResolveApprovalAsync(request, outcome, cancellationToken).ConfigureAwait(false);
            if (resolved is null)
            {
                return Done(RequestResultStatus.RetryLater, problem, kind.StatusOf(request));
            }

            approval = resolved;
        }

        var transition = outcome.Kind.ToString().ToLowerInvariant();
        T current;
        try
        {
            current = await kind.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectApiException ex)
        {
            return Done(RequestResultStatus.RetryLater, $"could not re-read the request before {transition}: {ex.Message}", null);
        }

        var currentStatus = kind.StatusOf(current);
        var allowed = outcome.Kind == OutcomeKind.Pend ? currentStatus == RequestStatus.Inquiring
            : currentStatus == RequestStatus.Pending || (currentStatus == RequestStatus.Inquiring && outcome.Kind != OutcomeKind.Inquire);
        if (!allowed)
        {
            PipelineLog.StoodDown(log, id, currentStatus.ToString(), transition);
            return Done(RequestResultStatus.Skipped, $"the request is now {currentStatus}; {transition} not applied", currentStatus);
        }

        var writes = outcome.Kind == OutcomeKind.Inquire ? Merge(updates, outcome.InquireParameters) : updates;
        if (writes.Count > 0 && await TryWriteParametersAsync(id, writes, cancellationToken).ConfigureAwait(false) is { } writeFailure)
        {
            return Done(RequestResultStatus.RetryLater, writeFailure, currentStatus);
        }

        var target = TargetOf(outcome.Kind);
        using var activity = ConnectFulfillmentTelemetry.ActivitySource.StartActivity("connect.fulfillment." + transition, ActivityKind.Internal);
        activity?.SetTag("connect.request.id", id);
        try
        {
            var after = await kind.TransitionAsync(id, outcome.Kind, approval, outcome, cancellationToken).ConfigureAwait(false);
            CountTransition(transition, "applied");
            return Done(StatusFor(outcome.Kind), outcome.Kind == OutcomeKind.Fail ? outcome.Reason : null, after ?? target);
        }
        catch (ConnectApiException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, secrets.Redact(ex.Message));
            return await ReconcileAsync(id, type, outcome, transition, target, ex, log, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a transition call failed: re-read, never re-send. Already in the target status counts as done.</summary>
    private async Task<Processed> ReconcileAsync(string id, string type, RequestOutcome outcome, string transition, RequestStatus target, ConnectApiException error, ILogger log, CancellationToken cancellationToken)
    {
        Processed Done(RequestResultStatus status, string? reason, RequestStatus? final)
            => new(new RequestResult(id, type, status, reason, kind is TierConfigRequestKind), final);

        T reread;
        try
        {
            reread = await kind.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectApiException ex)
        {
            CountTransition(transition, "unknown");
            var reason = $"{transition} was not confirmed ({error.Message}) and the request could not be re-read ({ex.Message}); it is re-checked next run";
            PipelineLog.NotApplied(log, transition, id, reason);
            return Done(RequestResultStatus.RetryLater, reason, null);
        }

        var status = kind.StatusOf(reread);
        if (status == target)
        {
            CountTransition(transition, "reconciled");
            PipelineLog.Reconciled(log, transition, id, status.ToString());
            return Done(StatusFor(outcome.Kind), outcome.Kind == OutcomeKind.Fail ? outcome.Reason : null, status);
        }

        CountTransition(transition, error.IsOutcomeUnknown ? "unknown" : "rejected");
        if (status != RequestStatus.Pending && status != RequestStatus.Inquiring)
        {
            PipelineLog.StoodDown(log, id, status.ToString(), transition);
            return Done(RequestResultStatus.Skipped, $"the request is now {status}; {transition} not applied", status);
        }

        var why = error.IsOutcomeUnknown
            ? $"Connect did not confirm the {transition} ({error.Message}); the request is still {status} and is retried next run"
            : $"Connect refused the {transition}: {error.Message}";
        PipelineLog.NotApplied(log, transition, id, why);
        return Done(RequestResultStatus.RetryLater, why, status);
    }

    private async Task<(ApproveRequest? Approval, string? Problem)> ResolveApprovalAsync(T request, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.ActivationTile is { } tile)
        {
            return kind.SupportsActivationTile
                ? (ApproveRequest.WithTile(tile), null)
                : (null, $"{kind.Name} requests are approved with a template, not an activation tile; nothing was applied");
        }

        var templateId = outcome.TemplateId ?? (outcome.UsesDefaultTemplate && !string.IsNullOrWhiteSpace(options.ApproveTemplateId) ? options.ApproveTemplateId : null);
        if (templateId is not null)
        {
            return (ApproveRequest.WithTemplate(templateId), null);
        }

        var name = outcome.TemplateName ?? options.ApproveTemplateName;
        var product = kind.ProductOf(request);
        var scope = kind.TemplateScopeOf(request);
        if (string.IsNullOrEmpty(product))
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

    private async Task<string?> TryWriteParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            await kind.UpdateParametersAsync(id, updates, cancellationToken).ConfigureAwait(false);
            CountTransition("update-parameters", "applied");
            return null;
        }
        catch (ConnectApiException ex)
        {
            CountTransition("update-parameters", "failed");
            return $"could not write parameters {string.Join(", ", updates.Select(u => u.Id))}: {ex.Message}";
        }
    }

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

    private static void CountTransition(string transition, string result)
        => ConnectFulfillmentTelemetry.Transitions.Add(1, new TagList { { "connect.transition", transition }, { "connect.result", result } });

    private static RequestStatus TargetOf(OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Approve => RequestStatus.Approved,
        OutcomeKind.Fail => RequestStatus.Failed,
        OutcomeKind.Inquire => RequestStatus.Inquiring,
        _ => RequestStatus.Pending,
    };

    private static RequestResultStatus StatusFor(OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Approve => RequestResultStatus.Approved,
        OutcomeKind.Fail => RequestResultStatus.Failed,
        OutcomeKind.Inquire => RequestResultStatus.Inquired,
        OutcomeKind.Pend => RequestResultStatus.Pended,
        OutcomeKind.Skip => RequestResultStatus.Skipped,
        _ => RequestResultStatus.RetryLater,
    };

    private static string Describe(RequestOutcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Approve => "approve" + (outcome.TemplateId is { } t ? $" with template {t}" : outcome.TemplateName is { } n ? $" with template '{n}'" : outcome.ActivationTile is null ? " with the default template" : " with a tile"),
        OutcomeKind.Fail => "fail: " + outcome.Reason,
        OutcomeKind.Inquire => "inquire about " + string.Join(", ", outcome.InquireParameters.Select(p => p.Id)),
        OutcomeKind.Pend => "pend",
        OutcomeKind.Skip => "skip: " + outcome.Reason,
        _ => "retry later: " + outcome.Reason,
    };
}
