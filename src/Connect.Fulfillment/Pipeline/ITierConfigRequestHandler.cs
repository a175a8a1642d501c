namespace Connect.Fulfillment.Pipeline;

/// <summary>Decides what to do with a tier configuration request of the types it is registered for.</summary>
public interface ITierConfigRequestHandler
{
    /// <summary>Handles a request and returns the decision; the pipeline applies it.</summary>
    /// <param name="context">The request and its context.</param>
    /// <param name="cancellationToken">Cancelled when the run stops or the handler timeout passes.</param>
    /// <returns>The decision.</returns>
    Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default);
}
