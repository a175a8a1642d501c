namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>The thread-safe record of webhook notifications behind <see cref="SandboxWebhooks.Deliveries"/>.</summary>
internal sealed class DeliveryLog
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly List<WebhookDelivery> _entries = [];

    public void Add(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            _entries.Add(delivery);
        }
    }

    public IReadOnlyList<WebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }
}
