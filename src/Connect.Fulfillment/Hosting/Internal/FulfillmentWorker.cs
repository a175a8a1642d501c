using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Hosting.Internal;

/// <summary>
/// Runs the pipeline when the host starts and then on every tick of a <see cref="PeriodicTimer"/> on the
/// <see cref="TimeProvider"/>. Runs never overlap: the next tick is awaited only after a run ends (a run longer than
/// the interval is followed at once by the next). A failed run is logged and recorded for the health check, and the
/// worker keeps going. On host stop the run's token is cancelled: the pipeline stops starting requests and applies
/// the outcomes already decided within its shutdown grace period.
/// </summary>
internal sealed class FulfillmentWorker(
    Func<CancellationToken, Task<RunSummary>> runOnce,
    FulfillmentWorkerState state,
    FulfillmentWorkerOptions options,
    ILogger logger) : BackgroundService
{
    /// <summary>The log category: the public concept, not this internal type.</summary>
    public const string LogCategory = "Connect.Fulfillment.Hosting.FulfillmentWorker";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first run (on .NET 8 ExecuteAsync starts on the host's thread).
        await Task.Yield();
        FulfillmentWorkerLog.Started(logger, options.Interval.TotalSeconds);
        using var timer = new PeriodicTimer(options.Interval, state.Clock);
        var run = 0;
        do
        {
            run++;
            await RunOnceAsync(run, stoppingToken).ConfigureAwait(false);
        }
        while (!stoppingToken.IsCancellationRequested && await WaitForTickAsync(timer, stoppingToken).ConfigureAwait(false));

        FulfillmentWorkerLog.Stopped(logger, run);
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunOnceAsync(int run, CancellationToken stoppingToken)
    {
        try
        {
            var summary = await runOnce(stoppingToken).ConfigureAwait(false);
            state.Succeeded();
            LogSummary(run, summary);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            FulfillmentWorkerLog.CancelledBeforeStart(logger, run);
        }
        catch (FulfillmentRunException ex)
        {
            state.Failed(ex.Message);
            var cause = ex.InnerException switch
            {
                ConnectUnauthorizedException => "Connect refused the credentials",
                ConnectApiException => "Connect could not be listed",
                _ => "the request lease provider could not be reached",
            };
            FulfillmentWorkerLog.RunStopped(logger, run, cause, ex.Message, ex.Summary.Total);
            LogResults(ex.Summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The worker must outlive any one run: a crash here would stop the host (BackgroundServiceExceptionBehavior).
            state.Failed(ex.Message);
            FulfillmentWorkerLog.RunFailed(logger, ex, run);
        }
    }

    private void LogSummary(int run, RunSummary summary)
    {
        FulfillmentWorkerLog.RunFinished(
            logger, run, (long)summary.Duration.TotalMilliseconds, summary.Approved, summary.Failed, summary.Inquired, summary.Skipped, summary.RetryLater, summary.Cancelled);
        LogResults(summary);
    }

    private void LogResults(RunSummary summary)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var result in summary.Results)
        {
            if (result.Status != RequestResultStatus.Approved)
            {
                FulfillmentWorkerLog.RequestEnded(logger, result.RequestId, result.RequestType, RunSummary.NameOf(result.Status), result.Reason);
            }
        }
    }
}
