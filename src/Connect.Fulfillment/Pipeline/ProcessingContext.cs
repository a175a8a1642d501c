using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// What a handler gets besides the request: the idempotency key, Connect reads and messages to the customer, the
/// request's DI scope, and a place to queue parameter writes that the pipeline applies before the transition.
/// </summary>
public abstract class ProcessingContext
{
    private readonly List<ParameterUpdate> parameterUpdates = [];

    private protected ProcessingContext(string requestId, IConnectClient client, IServiceProvider services, bool isDryRun)
    {
        RequestId = requestId;
        Connect = new RequestConnectClient(client, requestId, isDryRun);
        Services = services;
        IsDryRun = isDryRun;
    }

    /// <summary>The request id.</summary>
    public string RequestId { get; }

    /// <summary>
    /// The key to send with every vendor side effect: the Connect request id itself, so a retried run repeats a
    /// vendor call only with the same key.
    /// </summary>
    public string IdempotencyKey => RequestId;

    /// <summary>Connect reads and messages to the customer. Transitions are the pipeline's job: return an outcome instead.</summary>
    public RequestConnectClient Connect { get; }

    /// <summary>The services of this request's DI scope.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Whether this is a dry run: decide and report, but call no vendor and write nothing.</summary>
    public bool IsDryRun { get; }

    /// <summary>The parameter writes queued by the handler, in order.</summary>
    public IReadOnlyList<ParameterUpdate> ParameterUpdates => parameterUpdates;

    /// <summary>
    /// Queues a parameter value; the pipeline writes it before applying the outcome (whatever the outcome). An outcome
    /// can carry parameter writes too (<see cref="RequestOutcome.WithParameters(ParameterUpdate[])"/>); those win.
    /// </summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="value">The value.</param>
    public void SetParameter(string parameterId, string value) => SetParameter(ParameterUpdate.WithValue(parameterId, value));

    /// <summary>Queues a parameter write; a later write of the same parameter replaces an earlier one.</summary>
    /// <param name="update">The write.</param>
    public void SetParameter(ParameterUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        parameterUpdates.RemoveAll(p => p.Id == update.Id);
        parameterUpdates.Add(update);
    }

    private protected static string RequireId(string? id, string paramName)
        => string.IsNullOrEmpty(id) ? throw new ArgumentException("The request has no id.", paramName) : id;
}
