using System.Diagnostics;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Sends an outcome's parameter writes and transition optimistically, from the request as listed, and re-reads the
/// request only when in doubt. When Connect refuses a call, someone else (an operator, another replica) may have moved
/// the request on: the re-read tells, and the request is reported <c>Skipped</c> with who moved it, never counted as
/// ours. When the answer is lost (5xx, timeout, reset) or rate-limited, the re-read reconciles: already in the target
/// status counts as done when an attempt of ours may have made it; still where the transition starts proves it was
/// not applied, and only then is it sent again, after a wait and a fresh re-read, at most
/// <see cref="TransitionRetry.MaxAttempts"/> times in the run. So a transition is never applied twice.
/// </summary>
internal sealed class TransitionAttempts(TransitionRetry retry, RequestSecrets secrets, ILogger log)
{
    /// <summary>Writes parameters, sending the idempotent <c>PUT</c> again after a transient failure.</summary>
    /// <param name="item">The request as listed.</param>
    /// <param name="allowed">The statuses in which the request is still this run's to write.</param>
    /// <param name="notApplied">What a stand-down leaves undone, for example <c>parameters not written and approve not applied</c>.</param>
    /// <param name="writes">The parameters.</param>
    /// <param name="cancellationToken">The apply token.</param>
    /// <returns>Null when written; otherwise how the request ends.</returns>
    public async Task<Processed?> WriteAsync(WorkItem item, IReadOnlyCollection<RequestStatus> allowed, string notApplied, List<ParameterUpdate> writes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ConnectApiException error;
            try
            {
                await item.Operations.UpdateParametersAsync(item.Id, writes, cancellationToken).ConfigureAwait(false);
                Count("update-parameters", "applied");
                return null;
            }
            catch (ConnectApiException ex)
            {
                error = ex;
            }

            RequestStatus? status = null;
            if (!TransitionRetry.IsTransient(error))
            {
                // Refused: Connect refuses writes to a request that moved on (REQ_003), so find out whether it did.
                var (current, _) = await TryReadAsync(item, cancellationToken).ConfigureAwait(false);
                if (current is not null && !allowed.Contains(current.Status))
                {
                    Count("update-parameters", "superseded");
                    return StandDown(item, current, "parameters", notApplied);
                }

                status = current?.Status;
            }

            if (!retry.MayRetry(attempt, error))
            {
                Count("update-parameters", "failed");
                return OutcomeApplier.Done(item, RequestResultStatus.RetryLater, $"could not write parameters {string.Join(", ", writes.Select(u => u.Id))}: {error.Message}", status);
            }

            await retry.WaitAsync(attempt, error, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes the transition; never throws a <see cref="ConnectApiException"/>.</summary>
    /// <param name="item">The request as listed.</param>
    /// <param name="rule">The outcome's rule.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="approval">The approval body of an approve.</param>
    /// <param name="cancellationToken">The apply token.</param>
    /// <returns>How the request ends.</returns>
    public async Task<Processed> SendAsync(WorkItem item, OutcomeRule rule, RequestOutcome outcome, ApproveRequest? approval, CancellationToken cancellationToken)
    {
        var transition = rule.Transition;
        ConnectApiException? last = null;

        // Whether an attempt of ours may have been applied since a re-read last proved none was: only then does the
        // target status count as our doing.
        var inDoubt = false;
        for (var attempt = 1; ; attempt++)
        {
            if (last is not null)
            {
                await retry.WaitAsync(attempt - 1, last, cancellationToken).ConfigureAwait(false);
                var (before, beforeError) = await TryReadAsync(item, cancellationToken).ConfigureAwait(false);
                if (before is null)
                {
                    if (attempt < retry.MaxAttempts)
                    {
                        continue;
                    }

                    return Unconfirmed(item, rule, last, beforeError!, inDoubt);
                }

                if (Settle(item, rule, outcome, before, inDoubt) is { } settled)
                {
                    return settled;
                }

                inDoubt = false;
                Count(transition, "retried");
                PipelineLog.SendingAgain(log, transition, item.Id, attempt, retry.MaxAttempts, Escape(before.Status));
            }

            using (var activity = ConnectFulfillmentTelemetry.ActivitySource.StartActivity("connect.fulfillment." + transition, ActivityKind.Internal))
            {
                activity?.SetTag("connect.request.id", item.Id);
                activity?.SetTag("connect.attempt", attempt);
                try
                {
                    var after = await rule.Call!(item, approval, outcome, cancellationToken).ConfigureAwait(false);
                    Count(transition, "applied");
                    return OutcomeApplier.Done(item, rule.Status, rule.ReportsReason ? outcome.Reason : null, after ?? rule.Target);
                }
                catch (ConnectApiException ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, secrets.Redact(ex.Message));
                    last = ex;
                    inDoubt |= ex.IsOutcomeUnknown;
                }
            }

            var (reread, rereadError) = await TryReadAsync(item, cancellationToken).ConfigureAwait(false);
            if (reread is null)
            {
                if (retry.MayRetry(attempt, last))
                {
                    continue;
                }

                return Unconfirmed(item, rule, last, rereadError!, inDoubt);
            }

            if (Settle(item, rule, outcome, reread, inDoubt) is { } reconciled)
            {
                return reconciled;
            }

            // Still where the transition starts: no attempt was applied.
            inDoubt = false;
            if (!retry.MayRetry(attempt, last))
            {
                return NotApplied(item, rule, last, reread.Status, attempt);
            }
        }
    }

    private static void Count(string transition, string result)
        => ConnectFulfillmentTelemetry.Transitions.Add(1, new TagList { { "connect.transition", transition }, { "connect.result", result } });

    private static string Escape(RequestStatus status) => ConnectIds.Escape(status.ToString());

    private static async Task<(WorkItem? Current, ConnectApiException? Error)> TryReadAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return (await item.Operations.GetAsync(item.Id, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ConnectApiException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>What a re-read settles: done (ours), moved on by someone else (skipped), or null when the transition is still to make.</summary>
    private Processed? Settle(WorkItem item, OutcomeRule rule, RequestOutcome outcome, WorkItem current, bool inDoubt)
    {
        var transition = rule.Transition;
        if (current.Status == rule.Target && inDoubt)
        {
            Count(transition, "reconciled");
            PipelineLog.Reconciled(log, transition, item.Id, Escape(current.Status));
            return OutcomeApplier.Done(item, rule.Status, rule.ReportsReason ? outcome.Reason : null, current.Status);
        }

        if (current.Status == rule.Target || !rule.AllowedFrom.Contains(current.Status))
        {
            // Connect refused ours, or ours was not applied, and the request moved on: someone else's doing.
            Count(transition, "superseded");
            return StandDown(item, current, transition, transition + " not applied");
        }

        return null;
    }

    private Processed StandDown(WorkItem item, WorkItem current, string what, string notApplied)
    {
        var change = RequestChange.Describe(current);
        PipelineLog.StoodDown(log, item.Id, Escape(current.Status), what);
        return OutcomeApplier.Done(item, RequestResultStatus.Skipped, $"{change}; {notApplied}", current.Status);
    }

    private Processed Unconfirmed(WorkItem item, OutcomeRule rule, ConnectApiException error, ConnectApiException readError, bool inDoubt)
    {
        var transition = rule.Transition;
        Count(transition, inDoubt ? "unknown" : "failed");
        var reason = inDoubt
            ? $"{transition} was not confirmed ({error.Message}) and the request could not be re-read ({readError.Message}); it is re-checked next run"
            : $"{transition} was not applied ({error.Message}) and the request could not be re-read ({readError.Message}); it is re-checked next run";
        PipelineLog.NotApplied(log, transition, item.Id, reason);
        return OutcomeApplier.Done(item, RequestResultStatus.RetryLater, reason, null);
    }

    private Processed NotApplied(WorkItem item, OutcomeRule rule, ConnectApiException error, RequestStatus status, int attempts)
    {
        var transition = rule.Transition;
        string reason;
        if (!TransitionRetry.IsTransient(error))
        {
            Count(transition, "rejected");
            reason = $"Connect refused the {transition}: {error.Message}";
        }
        else
        {
            Count(transition, "unknown");
            var what = error.IsOutcomeUnknown ? "did not confirm" : "did not accept";
            var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
            reason = $"Connect {what} the {transition} ({error.Message}); the request is still {Escape(status)} after {tries} and is retried next run";
        }

        PipelineLog.NotApplied(log, transition, item.Id, reason);
        return OutcomeApplier.Done(item, RequestResultStatus.RetryLater, reason, status);
    }
}
