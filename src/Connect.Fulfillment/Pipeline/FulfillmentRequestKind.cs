using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline;

internal sealed class FulfillmentRequestKind(IConnectClient client, FulfillmentHandlers handlers, RequestQuery query) : RequestKind<FulfillmentRequest>
{
    public override string Name => "fulfillment";

    public override string ListPath => "requests";

    public override string IdOf(FulfillmentRequest request) => request.Id ?? string.Empty;

    public override string TypeOf(FulfillmentRequest request) => request.Type.ToString();

    public override RequestStatus StatusOf(FulfillmentRequest request) => request.Status;

    public override string? ProductOf(FulfillmentRequest request) => request.ProductId;

    public override TemplateScope TemplateScopeOf(FulfillmentRequest request) => TemplateScope.Asset;

    public override IReadOnlyList<KeyValuePair<string, object?>> ScopeOf(FulfillmentRequest request) =>
    [
        new("connect.request.id", request.Id),
        new("connect.request.type", request.Type.ToString()),
        new("connect.product.id", request.ProductId),
        new("connect.asset.id", request.Asset?.Id),
        new("connect.environment", request.Environment.ToString()),
    ];

    public override IEnumerable<Parameter> ParametersOf(FulfillmentRequest request)
        => (request.Asset?.Parameters ?? []).Concat(request.Asset?.Configuration?.Parameters ?? []);

    public override Task<ConnectPage<FulfillmentRequest>> ListPageAsync(int offset, CancellationToken cancellationToken)
        => client.GetRequestsPageAsync(query, offset, null, cancellationToken);

    public override Task<FulfillmentRequest> GetAsync(string id, CancellationToken cancellationToken) => client.GetRequestAsync(id, cancellationToken);

    public override async Task<(RequestOutcome Outcome, IReadOnlyList<ParameterUpdate> Updates)?> HandleAsync(FulfillmentRequest request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        var factory = handlers.Find(request.Type, request.Status);
        if (factory is null)
        {
            return null;
        }

        var context = new FulfillmentRequestContext(request, client, services, dryRun);
        var outcome = await factory(services).HandleAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The handler returned no outcome.");
        return (outcome, context.ParameterUpdates);
    }

    public override Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken)
        => client.UpdateRequestParametersAsync(id, updates, null, cancellationToken);

    public override async Task<RequestStatus?> TransitionAsync(string id, OutcomeKind kind, ApproveRequest? approval, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        var updated = kind switch
        {
            OutcomeKind.Approve => await client.ApproveRequestAsync(id, approval!, cancellationToken).ConfigureAwait(false),
            OutcomeKind.Fail => await client.FailRequestAsync(id, outcome.Reason!, cancellationToken).ConfigureAwait(false),
            OutcomeKind.Inquire => await client.InquireRequestAsync(id, outcome.TemplateId, cancellationToken).ConfigureAwait(false),
            OutcomeKind.Pend => await client.PendRequestAsync(id, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a transition."),
        };
        return string.IsNullOrEmpty(updated.Status.Value) ? (RequestStatus?)null : updated.Status;
    }
}
