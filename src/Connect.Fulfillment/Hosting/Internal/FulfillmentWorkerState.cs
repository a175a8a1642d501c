namespace Connect.Fulfillment.Hosting.Internal;

/// <summary>When the worker started and how its last runs ended; written by the worker, read by the health check.</summary>
internal sealed class FulfillmentWorkerState(TimeProvider clock)
{
    // One writer (the worker's loop) and an immutable snapshot: readers never see half an update.
    private volatile Snapshot current = new(clock.GetUtcNow(), null, null, null);

    public TimeProvider Clock => clock;

    public Snapshot Current => current;

    public void Succeeded() => current = current with { LastSuccess = clock.GetUtcNow(), LastError = null };

    public void Failed(string error) => current = current with { LastFailure = clock.GetUtcNow(), LastError = error };

    /// <summary>What the health check reads, taken at once.</summary>
    /// <param name="Started">When the worker was created.</param>
    /// <param name="LastSuccess">When the last successful run finished.</param>
    /// <param name="LastFailure">When the last failed run ended.</param>
    /// <param name="LastError">Why the last run failed, when it did.</param>
    internal sealed record Snapshot(DateTimeOffset Started, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError);
}
