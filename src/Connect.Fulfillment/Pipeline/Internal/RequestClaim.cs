namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Decides whether this process takes a listed request: the seam where replicas divide the work. The static share
/// (<see cref="FulfillmentPipelineOptions.ReplicaIndex"/> of <see cref="FulfillmentPipelineOptions.ReplicaCount"/>)
/// answers from the id alone; a lease would answer in <see cref="TryClaimAsync"/>, which the feed asks just before
/// it hands a request to a worker, so before any handler or vendor call.
/// </summary>
internal abstract class RequestClaim
{
    /// <summary>Takes every request.</summary>
    public static readonly RequestClaim Everything = new Share(0, 1);

    /// <summary>The claim the options describe.</summary>
    /// <param name="options">The pipeline options.</param>
    /// <returns>The claim.</returns>
    public static RequestClaim For(FulfillmentPipelineOptions options)
        => options.ReplicaCount <= 1 ? Everything : new Share(options.ReplicaIndex, options.ReplicaCount);

    /// <summary>Whether the request may be this process's, without side effects: false when it is certainly another's.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>False when another process owns it.</returns>
    public abstract bool MayOwn(string requestId);

    /// <summary>Whether this process takes the request now; a declined request is left to its owner and not reported here.</summary>
    /// <param name="item">The request.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>True when this process handles it.</returns>
    public virtual ValueTask<bool> TryClaimAsync(WorkItem item, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>
    /// Whether a claimed request may have changed since it was listed, so that the processor re-reads it before the
    /// handler runs, and skips it (with the reason) when it is no longer in a status that is processed. A lease taken
    /// just now says true: another process may have handled the request while the listing was read. The static share
    /// says false, and the request costs no read before its transition.
    /// </summary>
    public virtual bool ConfirmsBeforeHandling => false;

    private sealed class Share(int index, int count) : RequestClaim
    {
        public override bool MayOwn(string requestId) => count <= 1 || ReplicaPartition.Owns(requestId, index, count);
    }
}
