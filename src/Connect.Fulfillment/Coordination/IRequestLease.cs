namespace Connect.Fulfillment.Coordination;

/// <summary>
/// The lease on one request, held until it is disposed or lost. Disposing releases it (and never throws); a lease can
/// also be lost without being released, for example when the connection that holds it dies: then
/// <see cref="LostToken"/> fires and the pipeline stops the request's work at its next safe point.
/// </summary>
public interface IRequestLease : IAsyncDisposable
{
    /// <summary>The request the lease is on.</summary>
    string RequestId { get; }

    /// <summary>Fires when the lease is lost before it is released; it does not fire on release.</summary>
    CancellationToken LostToken { get; }
}
