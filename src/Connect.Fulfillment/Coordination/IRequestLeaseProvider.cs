namespace Connect.Fulfillment.Coordination;

/// <summary>
/// Hands out leases on requests, so that among the replicas sharing one provider at most one works on a request at a
/// time. The pipeline asks for a request's lease just before it starts the request, skips the request when another
/// holder has it, and releases the lease when the request's work is done.
/// <para>
/// The default, used when none is registered, is <see cref="InProcessRequestLeaseProvider"/>: it needs no
/// infrastructure and coordinates only the pipelines of one process. Providers that span processes (such as the
/// <c>Connect.Fulfillment.PostgreSql</c> package) make the pipeline re-read each request after taking its lease, so a
/// request another replica finished meanwhile is not handled twice.
/// </para>
/// </summary>
public interface IRequestLeaseProvider
{
    /// <summary>Tries to take the lease on a request, without waiting for another holder to release it.</summary>
    /// <param name="requestId">The request id (<c>PR-…</c> or <c>TCR-…</c>).</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>The lease, or null when another holder has it.</returns>
    /// <remarks>
    /// Throws when the provider cannot reach its store (for example the database is down); the pipeline then starts
    /// no new request in that run and reports the run as stopped early.
    /// </remarks>
    ValueTask<IRequestLease?> TryAcquireAsync(string requestId, CancellationToken cancellationToken = default);
}
