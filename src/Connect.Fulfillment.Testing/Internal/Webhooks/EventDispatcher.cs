using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>
/// Sends "request queue changed" notifications in the background, so the code that made a request pending is not
/// held up, and retries failed ones a few times (Connect retries too, by its own schedule, which is not documented).
/// </summary>
internal sealed class EventDispatcher(SandboxWebhooks webhooks, CancellationToken stopping)
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly List<Task> _inFlight = [];

    /// <summary>Announces a request that just became pending, when its product has an events webhook.</summary>
    public void NotifyPending(string requestId, string? productId)
    {
        if (webhooks.Registry.EventsOf(productId) is not { } target)
        {
            return;
        }

        var delivery = Task.Run(() => DeliverAsync(target, requestId), CancellationToken.None);
        lock (_gate)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(delivery);
        }
    }

    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = _inFlight.ToArray();
        }

        return Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    private async Task DeliverAsync(WebhookTarget target, string requestId)
    {
        // request_id is all the AspNetCore events endpoint reads; Connect documents no body for this webhook type.
        var json = new JsonObject { ["request_id"] = requestId }.ToJsonString();
        var attempts = 0;
        WebhookAnswer answer;
        try
        {
            while (true)
            {
                attempts++;
                answer = await webhooks.Sender.PostAsync(target, json, webhooks.Timeout, stopping).ConfigureAwait(false);
                if (answer.IsSuccess || attempts > webhooks.EventRetries)
                {
                    break;
                }

                await Task.Delay(webhooks.EventRetryDelay, webhooks.TimeProvider, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            answer = new WebhookAnswer(null, null, "The sandbox stopped before the webhook answered.");
        }

        webhooks.Log.Add(new WebhookDelivery(WebhookDelivery.EventsKind, target.Url, requestId, answer.StatusCode, webhooks.TimeProvider.GetUtcNow(), attempts, answer.Problem));
    }
}
