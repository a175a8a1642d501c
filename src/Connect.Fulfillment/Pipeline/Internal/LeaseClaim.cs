using Connect.Fulfillment.Coordination;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Claims a request by taking its lease; a request whose lease another holder has is declined without any call. Once
/// the provider fails, the rest of the run declines every request without asking it again: no new work starts while
/// coordination is down, and the run reports the failure. Thread-safe; one per run.
/// </summary>
internal sealed class LeaseClaim(IRequestLeaseProvider leases, ILogger logger) : RequestClaim
{
    private Exception? failure;

    /// <summary>True unless the leases are in-process only: then no other process can have moved the request on.</summary>
    public override bool ConfirmsBeforeHandling => leases is not InProcessRequestLeaseProvider;

    public override Exception? Failure => Volatile.Read(ref failure);

    public override async ValueTask<bool> TryClaimAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            return false;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Taken without a lease: the feed, seeing the cancellation, reports it as not started and never hands it out.
            return true;
        }

        IRequestLease? lease;
        try
        {
            lease = await leases.TryAcquireAsync(item.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex)
        {
            if (Interlocked.CompareExchange(ref failure, ex, null) is null)
            {
                PipelineLog.LeasesUnavailable(logger, ex, item.Operations.Name);
            }

            return false;
        }

        if (lease is null)
        {
            return false;
        }

        item.Lease = lease;
        return true;
    }

    public override async ValueTask ReleaseAsync(WorkItem item)
    {
        if (item.Lease is not { } lease)
        {
            return;
        }

        item.Lease = null;

        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A lease that cannot be released ends with its holder's connection; the request's own work is done.
            PipelineLog.LeaseNotReleased(logger, ex, item.Id);
        }
    }
}
