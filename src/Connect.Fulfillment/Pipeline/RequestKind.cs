using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// What the pipeline needs to know about one kind of request (fulfillment or tier configuration): how to list,
/// re-read, route and transition it. One processing path serves both kinds.
/// </summary>
/// <typeparam name="T">The request model.</typeparam>
internal abstract class RequestKind<T> where T : class
{
    public abstract string Name { get; }

    /// <summary>The collection path the requests are listed from, relative to the endpoint.</summary>
    public abstract string ListPath { get; }

    public abstract string IdOf(T request);

    public abstract string TypeOf(T request);

    public abstract RequestStatus StatusOf(T request);

    public abstract string? ProductOf(T request);

    public abstract TemplateScope TemplateScopeOf(T request);

    /// <summary>Whether an approval may carry an activation tile instead of a template (fulfillment requests only).</summary>
    public virtual bool SupportsActivationTile => true;

    public abstract IReadOnlyList<KeyValuePair<string, object?>> ScopeOf(T request);

    /// <summary>Every parameter the request carries (its own, its asset's or configuration's), to find password-type values.</summary>
    public abstract IEnumerable<Parameter> ParametersOf(T request);

    public abstract Task<ConnectPage<T>> ListPageAsync(int offset, CancellationToken cancellationToken);

    public abstract Task<T> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Runs the routed handler; null when no handler takes this request.</summary>
    public abstract Task<(RequestOutcome Outcome, IReadOnlyList<ParameterUpdate> Updates)?> HandleAsync(T request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken);

    public abstract Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Applies a transition and returns the status Connect reports afterwards, when it says.</summary>
    public abstract Task<RequestStatus?> TransitionAsync(string id, OutcomeKind kind, ApproveRequest? approval, RequestOutcome outcome, CancellationToken cancellationToken);
}
