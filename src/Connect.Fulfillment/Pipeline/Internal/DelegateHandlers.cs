namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>A fulfillment request handler registered as a delegate.</summary>
internal sealed class DelegateFulfillmentHandler(Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> handle) : IFulfillmentRequestHandler
{
    public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default) => handle(context, cancellationToken);
}

/// <summary>A tier configuration request handler registered as a delegate.</summary>
internal sealed class DelegateTierConfigHandler(Func<TierConfigRequestContext, CancellationToken, Task<RequestOutcome>> handle) : ITierConfigRequestHandler
{
    public Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default) => handle(context, cancellationToken);
}
