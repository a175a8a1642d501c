using Connect.Fulfillment.Coordination;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Decides whether this process takes a listed request: the seam where replicas divide the work.
/// <see cref="TryClaimAsync"/> is asked by the worker a request was handed to, before any read, handler
/// or vendor call; <see cref="ReleaseAsync"/> is called once the request's work is done.
/// </summary>
internal abstract class RequestClaim
{
    /// <summary>Takes every request, holding nothing.</summary>
    public static readonly RequestClaim Everything = new All();

    /// <summary>
    /// Whether the processor re-reads a claimed request before its handler runs: the listing may be older than another
    /// replica's work on it, so one that is no longer pending must not be handled again.
    /// </summary>
    public virtual bool ConfirmsBeforeHandling => false;

    /// <summary>Why claiming stopped in this run (the lease provider could not be reached); null while it works.</summary>
    public virtual Exception? Failure => null;

    /// <summary>A claim for one run that takes each request's lease from <paramref name="leases"/>.</summary>
    /// <param name="leases">The lease provider.</param>
    /// <param name="logger">Where a provider failure is logged.</param>
    /// <returns>The claim.</returns>
    public static RequestClaim For(IRequestLeaseProvider leases, ILogger logger) => new LeaseClaim(leases, logger);

    /// <summary>Whether this process takes the request now; a declined request is left to its owner and not reported here.</summary>
    /// <param name="item">The request; a lease taken for it is attached to it.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>True when this process handles it.</returns>
    public virtual ValueTask<bool> TryClaimAsync(WorkItem item, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Gives up the request once its work is done; never throws.</summary>
    /// <param name="item">The request.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    public virtual ValueTask ReleaseAsync(WorkItem item) => ValueTask.CompletedTask;

    private sealed class All : RequestClaim
    {
    }
}
