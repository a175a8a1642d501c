using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Processes queued event work with <see cref="ConnectWebhookOptions.EventConcurrency"/> loops, through the same
/// <see cref="FulfillmentPipeline"/> a polling run uses. On shutdown it takes no new work and lets what runs finish
/// until the host's shutdown timeout, which then cancels it; queued work is left to polling or a later event.
/// </summary>
internal sealed class EventWorker(
    EventQueue queue,
    IServiceProvider services,
    IOptions<ConnectWebhookOptions> options,
    ILogger<EventWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource processing = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        using (cancellationToken.Register(processing.Cancel))
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        var left = queue.Reader.Count;
        if (left > 0)
        {
            WebhookLog.EventsDropped(logger, left);
        }
    }

    public override void Dispose()
    {
        processing.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(Enumerable.Range(0, options.Value.EventConcurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (!stoppingToken.IsCancellationRequested && queue.Reader.TryRead(out var work))
                {
                    try
                    {
                        await ProcessAsync(work, processing.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        queue.Release(work);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: no new work is taken.
        }
    }

    private async Task ProcessAsync(EventWork work, CancellationToken cancellationToken)
    {
        try
        {
            var pipeline = services.GetRequiredKeyedService<FulfillmentPipeline>(options.Value.PipelineName);
            if (work.RequestId is { } id)
            {
                var result = await pipeline.ProcessAsync(work.Kind, id, cancellationToken).ConfigureAwait(false);
                WebhookLog.EventProcessed(logger, id, RunSummary.NameOf(result.Status));
            }
            else
            {
                var summary = await pipeline.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                WebhookLog.EventRunCompleted(logger, summary.ToString());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WebhookLog.EventCancelled(logger, work.Key);
        }
#pragma warning disable CA1031 // One event's failure must not stop the worker; the request stays for polling.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WebhookLog.EventFailed(logger, work.Key, exception);
        }
    }
}
