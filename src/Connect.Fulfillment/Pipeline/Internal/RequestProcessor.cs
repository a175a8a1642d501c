using Connect.Fulfillment.Client.Internal;
using System.Diagnostics;
using Connect.Fulfillment.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Takes one request through route → handler → outcome, in a DI scope, a log scope and an activity of its own. The
/// handler is isolated: its exception or timeout only affects its own request and becomes a retry-later outcome.
/// Every outcome goes to the <see cref="OutcomeApplier"/>. The request is decided as listed, with no read first, unless
/// the claim says it may have changed since (<see cref="RequestClaim.ConfirmsBeforeHandling"/>): then it is re-read and
/// the handler (and so the vendor) is not called for a request that moved on. Never throws.
/// </summary>
internal sealed class RequestProcessor(
    FulfillmentPipelineOptions options,
    IServiceProvider services,
    OutcomeApplier applier,
    RequestClaim claim,
    SecretText keys,
    ILogger logger,
    TimeProvider timeProvider)
{
    /// <summary>The reason given for a request whose lease was lost before its outcome was applied.</summary>
    public const string LeaseLostReason = "the lease on the request was lost (its coordination connection ended), so its work stopped; nothing further was applied and it is retried by whoever takes the lease next";

    /// <summary>Processes one request; never throws.</summary>
    /// <param name="item">The request as listed (or read).</param>
    /// <param name="runToken">The run's token.</param>
    /// <param name="freshlyRead">True when <paramref name="item"/> was read just now by id, so it needs no confirming read.</param>
    /// <returns>What happened.</returns>
    public async Task<Processed> ProcessAsync(WorkItem item, CancellationToken runToken, bool freshlyRead = false)
    {
        var started = timeProvider.GetTimestamp();
        var scope = new RequestLogScope(item);
        using var logScope = logger.BeginScope(scope);
        using var activity = ConnectFulfillmentTelemetry.ActivitySource.StartActivity("connect.fulfillment.process", ActivityKind.Internal);
        if (activity is not null)
        {
            foreach (var tag in scope)
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        (item, var stop) = await ConfirmAsync(item, freshlyRead, logger, runToken).ConfigureAwait(false);
        var secrets = RequestSecrets.Of(item.Parameters);
        var log = secrets.IsEmpty ? logger : secrets.Wrap(logger);
        var decision = stop ?? await DecideAsync(item, log, runToken).ConfigureAwait(false);
        var processed = await applier.ApplyAsync(item, decision, secrets, log, runToken).ConfigureAwait(false);
        if (secrets.ForReport(processed.Report.Reason, keys) is { } reported && !ReferenceEquals(reported, processed.Report.Reason))
        {
            processed = processed with { Report = processed.Report with { Reason = reported } };
        }

        var result = processed.Report;
        var word = OutcomeTable.WordOf(result.Status);
        activity?.SetTag("connect.outcome", word);
        if (result.Status == RequestResultStatus.RetryLater)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Reason);
        }

        var tags = new TagList { { "connect.request.kind", item.Operations.Name }, { "connect.request.type", item.Type }, { "connect.outcome", word } };
        ConnectFulfillmentTelemetry.Requests.Add(1, tags);
        ConnectFulfillmentTelemetry.Duration.Record(timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        if (result.Reason is { } reason)
        {
            PipelineLog.Handled(log, item.Id, word, reason);
        }
        else
        {
            PipelineLog.Results.Handled(log, item.Id, word);
        }

        return processed;
    }

    /// <summary>
    /// The guard before the handler: when the claim asks for it, re-reads the request and returns the fresh copy to
    /// decide from, or a decision that stops here when it moved on or cannot be read.
    /// </summary>
    private async Task<(WorkItem Item, Decision? Stop)> ConfirmAsync(WorkItem item, bool freshlyRead, ILogger log, CancellationToken runToken)
    {
        if (freshlyRead || !claim.ConfirmsBeforeHandling || runToken.IsCancellationRequested)
        {
            return (item, null);
        }

        WorkItem current;
        try
        {
            current = await item.Operations.GetAsync(item.Id, runToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            return (item, Decision.ByPipeline(RequestOutcome.RetryLater("the run was cancelled before the handler decided; nothing was applied")));
        }
        catch (ConnectApiException ex)
        {
            return (item, Decision.ByPipeline(RequestOutcome.RetryLater($"the request could not be re-read before its handler ({ex.Message}); nothing was applied")));
        }

        if (!string.Equals(current.Id, item.Id, StringComparison.Ordinal))
        {
            return (item, Decision.ByPipeline(RequestOutcome.RetryLater("Connect answered the re-read with another request; nothing was applied")));
        }

        current.Lease = item.Lease;
        if (!item.Operations.ListedStatuses.Contains(current.Status))
        {
            var change = RequestChange.Describe(current);
            PipelineLog.ChangedBeforeHandling(log, item.Id, change);
            return (current, Decision.ByPipeline(RequestOutcome.Skip(change + "; the handler was not called")));
        }

        return (current, null);
    }

    private async Task<Decision> DecideAsync(WorkItem item, ILogger log, CancellationToken runToken)
    {
        if (runToken.IsCancellationRequested)
        {
            // Handed over just as the run was cancelled: nothing is started, like the requests not handed over at all.
            return Decision.ByPipeline(RequestOutcome.RetryLater(PollingFeed.NotStartedReason));
        }

        if (item.LeaseLost.IsCancellationRequested)
        {
            PipelineLog.LeaseLost(log, item.Id);
            return Decision.ByPipeline(RequestOutcome.RetryLater(LeaseLostReason));
        }

        Decision? decided;
        var scope = services.GetService<IServiceScopeFactory>()?.CreateAsyncScope();
        try
        {
            using var timeout = new CancellationTokenSource(options.HandlerTimeout, timeProvider);
            using var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token, item.LeaseLost);
            try
            {
                decided = await item.Operations.HandleAsync(item, scope?.ServiceProvider ?? services, options.DryRun, handlerToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return Decision.ByPipeline(RequestOutcome.RetryLater("the run was cancelled before the handler decided; nothing was applied"));
            }
            catch (OperationCanceledException) when (item.LeaseLost.IsCancellationRequested)
            {
                PipelineLog.LeaseLost(log, item.Id);
                return Decision.ByPipeline(RequestOutcome.RetryLater(LeaseLostReason));
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
            {
                PipelineLog.HandlerFailed(log, ex, item.Id);
                return Decision.ByPipeline(RequestOutcome.RetryLater($"the handler did not decide within {options.HandlerTimeout}; nothing was applied"));
            }
            catch (Exception ex)
            {
                PipelineLog.HandlerFailed(log, ex, item.Id);
                return Decision.ByPipeline(RequestOutcome.RetryLater($"the handler failed ({ex.GetType().Name}: {ex.Message}); nothing was applied"));
            }
        }
        finally
        {
            if (scope is { } created)
            {
                await created.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (decided is null)
        {
            PipelineLog.NoHandler(log, item.Operations.Name, item.Type, item.Status.ToString(), item.Id);
            return Decision.ByPipeline(RequestOutcome.Skip($"no handler for {item.Type} requests in status {item.Status}"));
        }

        return decided;
    }
}
