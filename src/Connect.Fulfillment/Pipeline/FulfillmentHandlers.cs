using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline.Internal;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// The routing table of a pipeline: which handler takes which request type (and status). Filled by the DI
/// registration methods, or by hand when the pipeline is built without DI.
/// </summary>
public sealed class FulfillmentHandlers
{
    private readonly List<Route<RequestType, IFulfillmentRequestHandler>> requestRoutes = [];
    private readonly List<Route<TierConfigRequestType, ITierConfigRequestHandler>> tierRoutes = [];

    /// <summary>The request statuses handlers are registered for (pending by default; inquiring when asked).</summary>
    public IReadOnlyList<RequestStatus> RequestStatuses => requestRoutes.SelectMany(r => r.Statuses).Distinct().ToList();

    /// <summary>Whether any tier configuration handler is registered.</summary>
    public bool HasTierConfigHandlers => tierRoutes.Count > 0;

    /// <summary>Routes a request type to a handler created per request from the request's services.</summary>
    /// <param name="type">The request type.</param>
    /// <param name="factory">Creates the handler.</param>
    /// <param name="statuses">The statuses handled; pending when none are given. Only pending and inquiring requests are processed.</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers Add(RequestType type, Func<IServiceProvider, IFulfillmentRequestHandler> factory, params RequestStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(factory);
        requestRoutes.Add(new(type, CheckStatuses(statuses), factory));
        return this;
    }

    /// <summary>Routes a request type to a handler instance.</summary>
    /// <param name="type">The request type.</param>
    /// <param name="handler">The handler (must be thread-safe: it is shared by concurrent requests).</param>
    /// <param name="statuses">The statuses handled; pending when none are given.</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers Add(RequestType type, IFulfillmentRequestHandler handler, params RequestStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(type, _ => handler, statuses);
    }

    /// <summary>Routes a request type (and optionally statuses) to a delegate, like a handler instance shared by every request.</summary>
    /// <param name="type">The request type.</param>
    /// <param name="handler">Decides from the context; it must be thread-safe. Reach scoped services through <see cref="ProcessingContext.Services"/>.</param>
    /// <param name="statuses">The statuses handled; pending when none are given.</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers Add(RequestType type, Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> handler, params RequestStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(type, new DelegateFulfillmentHandler(handler), statuses);
    }

    /// <summary>Routes a tier configuration request type to a handler created per request.</summary>
    /// <param name="type">The tier configuration request type.</param>
    /// <param name="factory">Creates the handler.</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers AddTierConfig(TierConfigRequestType type, Func<IServiceProvider, ITierConfigRequestHandler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        tierRoutes.Add(new(type, [RequestStatus.Pending], factory));
        return this;
    }

    /// <summary>Routes a tier configuration request type to a handler instance.</summary>
    /// <param name="type">The tier configuration request type.</param>
    /// <param name="handler">The handler (must be thread-safe).</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers AddTierConfig(TierConfigRequestType type, ITierConfigRequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddTierConfig(type, _ => handler);
    }

    /// <summary>Routes a tier configuration request type to a delegate, like a handler instance shared by every request.</summary>
    /// <param name="type">The tier configuration request type.</param>
    /// <param name="handler">Decides from the context; it must be thread-safe.</param>
    /// <returns>This table.</returns>
    public FulfillmentHandlers AddTierConfig(TierConfigRequestType type, Func<TierConfigRequestContext, CancellationToken, Task<RequestOutcome>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddTierConfig(type, new DelegateTierConfigHandler(handler));
    }

    internal Func<IServiceProvider, IFulfillmentRequestHandler>? Find(RequestType type, RequestStatus status)
        => requestRoutes.LastOrDefault(r => r.Type == type && r.Statuses.Contains(status))?.Factory;

    internal Func<IServiceProvider, ITierConfigRequestHandler>? FindTierConfig(TierConfigRequestType type)
        => tierRoutes.LastOrDefault(r => r.Type == type)?.Factory;

    private static RequestStatus[] CheckStatuses(RequestStatus[] statuses)
    {
        statuses = statuses is null || statuses.Length == 0 ? [RequestStatus.Pending] : statuses.Distinct().ToArray();
        foreach (var status in statuses)
        {
            if (status != RequestStatus.Pending && status != RequestStatus.Inquiring)
            {
                throw new ArgumentException($"Handlers take pending or inquiring requests; '{status}' requests cannot be acted on.", nameof(statuses));
            }
        }

        return statuses;
    }

    private sealed record Route<TType, THandler>(TType Type, RequestStatus[] Statuses, Func<IServiceProvider, THandler> Factory);
}
