using System.Collections.Concurrent;

namespace Connect.Fulfillment.Coordination;

/// <summary>
/// Leases held in memory: they coordinate the pipelines and calls of one process (a run and a webhook-driven
/// <c>ProcessAsync</c> never work on the same request at once) and are never lost. Other processes do not see them,
/// so several replicas need a provider that spans processes. Thread-safe.
/// </summary>
public sealed class InProcessRequestLeaseProvider : IRequestLeaseProvider
{
    private readonly ConcurrentDictionary<string, Lease> held = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<IRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        var lease = new Lease(this, requestId);
        return ValueTask.FromResult<IRequestLease?>(held.TryAdd(requestId, lease) ? lease : null);
    }

    private sealed class Lease(InProcessRequestLeaseProvider owner, string requestId) : IRequestLease
    {
        public string RequestId => requestId;

        public CancellationToken LostToken => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            // Removes only this lease, so a late second dispose cannot release a newer holder's lease.
            owner.held.TryRemove(new KeyValuePair<string, Lease>(requestId, this));
            return ValueTask.CompletedTask;
        }
    }
}
