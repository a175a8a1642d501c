using Connect.Fulfillment.Testing.Internal.Webhooks;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// The webhook calls a sandbox makes as Connect would: draft validations (<see cref="SandboxRequests.AddDraftAsync"/>)
/// and "request queue changed" events when a request becomes pending. Configure the webhooks per product with
/// <see cref="ProductBuilder.ValidationWebhook"/> and <see cref="ProductBuilder.EventsWebhook"/>.
/// </summary>
public sealed class SandboxWebhooks
{
    private readonly TimeProvider _timeProvider;
    private TimeSpan _timeout = TimeSpan.FromSeconds(10);
    private int _eventRetries = 3;
    private TimeSpan _eventRetryDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();

    internal SandboxWebhooks(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Sender = new WebhookSender(timeProvider);
        Events = new EventDispatcher(this, _stopping.Token);
    }

    /// <summary>Gets or sets how long one webhook call may take before it counts as unanswered (on the sandbox's clock). Default 10 seconds.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _timeout = value;
        }
    }

    /// <summary>Gets or sets how many times a failed event notification is sent again (not verified against Connect). Default 3.</summary>
    public int EventRetries
    {
        get => _eventRetries;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _eventRetries = value;
        }
    }

    /// <summary>Gets or sets the wait before each retry of a failed event notification (on the sandbox's clock). Default 1 second.</summary>
    public TimeSpan EventRetryDelay
    {
        get => _eventRetryDelay;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _eventRetryDelay = value;
        }
    }

    /// <summary>Gets a snapshot of the notifications sent so far that have ended (answered, or given up), in the order they ended.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => Log.Snapshot();

    internal WebhookRegistry Registry { get; } = new();

    internal WebhookSender Sender { get; }

    internal EventDispatcher Events { get; }

    internal DeliveryLog Log { get; } = new();

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Waits until every event notification started so far has been answered or given up (after its retries).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when they all ended.</returns>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken = default) => Events.WhenIdleAsync(cancellationToken);

    /// <summary>Abandons notifications still waiting (they are recorded as such) and releases the HTTP client.</summary>
    internal async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Events.WhenIdleAsync(CancellationToken.None).ConfigureAwait(false);
        Sender.Dispose();
        _stopping.Dispose();
    }
}
