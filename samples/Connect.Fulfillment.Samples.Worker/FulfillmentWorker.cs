using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>
/// Runs the fulfillment pipeline at once and then every <c>Worker:IntervalSeconds</c> (a <see cref="PeriodicTimer"/>
/// on the <see cref="TimeProvider"/>; a run that overruns the interval delays the next tick rather than overlapping).
/// On shutdown the run token is cancelled: the pipeline stops listing and starting requests, finishes applying the
/// outcomes already decided within its grace period, and the summary of that last run is logged.
/// </summary>
internal sealed partial class FulfillmentWorker(
    FulfillmentPipeline pipeline,
    SampleEnvironment environment,
    RunState state,
    WorkerOptions options,
    TimeProvider clock,
    ILogger<FulfillmentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (environment.IsDemo)
        {
            LogDemo(logger, environment.ConnectEndpoint, environment.VendorBaseUrl);
        }

        LogStarting(logger, string.Join(",", pipeline.Options.Products), options.Interval.TotalSeconds);
        using var timer = new PeriodicTimer(options.Interval, clock);
        var run = 0;
        do
        {
            run++;
            await RunOnceAsync(run, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested && await WaitAsync(timer, stoppingToken));

        LogStopped(logger, run);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
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
            var summary = await pipeline.RunOnceAsync(stoppingToken);
            state.Succeeded(summary);
            LogSummary(logger, run, summary.Approved, summary.Failed, summary.Inquired, summary.Skipped, summary.RetryLater, summary.Cancelled, (long)summary.Duration.TotalMilliseconds);
            foreach (var result in summary.Results.Where(r => r.Status != RequestResultStatus.Approved))
            {
                LogResult(logger, result.RequestId, result.RequestType, RunSummary.NameOf(result.Status), result.Reason);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogCancelled(logger, run);
        }
        catch (FulfillmentRunException ex)
        {
            state.Failed(ex.Message);
            var unauthorized = ex.InnerException is ConnectUnauthorizedException;
            LogRunFailed(logger, run, unauthorized ? "credentials refused (check Connect:ApiKey)" : "Connect unreachable or answered unreadably", ex.Message, ex.Summary.Total);
        }
        catch (ConnectApiException ex)
        {
            state.Failed(ex.Message);
            LogRunFailed(logger, run, "Connect call failed", ex.Message, 0);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Connect:Endpoint is not set: running on the embedded sandbox demo (Connect sandbox {ConnectEndpoint}, demo vendor {VendorBaseUrl})")]
    private static partial void LogDemo(ILogger logger, Uri connectEndpoint, Uri vendorBaseUrl);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Fulfillment worker started for products {Products}, every {IntervalSeconds} s")]
    private static partial void LogStarting(ILogger logger, string products, double intervalSeconds);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Run {Run} finished in {ElapsedMilliseconds} ms: approved {Approved}, failed {Failed}, inquired {Inquired}, skipped {Skipped}, retry-later {RetryLater}, cancelled {Cancelled}")]
    private static partial void LogSummary(ILogger logger, int run, int approved, int failed, int inquired, int skipped, int retryLater, bool cancelled, long elapsedMilliseconds);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Request {RequestId} ({RequestType}) {Outcome}: {Reason}")]
    private static partial void LogResult(ILogger logger, string requestId, string requestType, string outcome, string? reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "Run {Run} stopped early: {Cause}: {Error} ({Handled} requests handled before); retried at the next tick")]
    private static partial void LogRunFailed(ILogger logger, int run, string cause, string error, int handled);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Run {Run} cancelled by shutdown before it started")]
    private static partial void LogCancelled(ILogger logger, int run);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Fulfillment worker stopped after {Runs} runs")]
    private static partial void LogStopped(ILogger logger, int runs);
}
