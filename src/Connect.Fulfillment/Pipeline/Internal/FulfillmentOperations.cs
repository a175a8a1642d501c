using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>Fulfillment requests (<c>PR-…</c>): the only place the pipeline reads their model fields.</summary>
internal sealed class FulfillmentOperations(IConnectClient client, FulfillmentHandlers handlers, RequestQuery query, IReadOnlyCollection<RequestStatus> statuses)
    : RequestOperations<FulfillmentRequest>
{
    private readonly RequestQuery query = query;

    public override RequestKind Kind => RequestKind.Fulfillment;

    public override string Name => "fulfillment";

    public override IReadOnlyCollection<RequestStatus> ListedStatuses => statuses;

    public override ListedRequestCheck Listing { get; } = ListedRequestCheck.For(query);

    public override bool SupportsActivationTile => true;

    protected override string ListPath => "requests";

    public override Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken)
        => client.UpdateRequestParametersAsync(id, updates, null, cancellationToken);

    public override async Task<RequestStatus?> ApproveAsync(string id, ApproveRequest approval, CancellationToken cancellationToken)
        => StatusOf(await client.ApproveRequestAsync(id, approval, cancellationToken).ConfigureAwait(false));

    public override async Task<RequestStatus?> FailAsync(string id, string reason, CancellationToken cancellationToken)
        => StatusOf(await client.FailRequestAsync(id, reason, cancellationToken).ConfigureAwait(false));

    public override async Task<RequestStatus?> InquireAsync(string id, string? templateId, CancellationToken cancellationToken)
        => StatusOf(await client.InquireRequestAsync(id, templateId, cancellationToken).ConfigureAwait(false));

    public override async Task<RequestStatus?> PendAsync(string id, CancellationToken cancellationToken)
        => StatusOf(await client.PendRequestAsync(id, cancellationToken).ConfigureAwait(false));

    protected override Task<ConnectPage<FulfillmentRequest>> ListAsync(int offset, CancellationToken cancellationToken)
        => client.GetRequestsPageAsync(query, offset, null, cancellationToken);

    protected override Task<FulfillmentRequest> ReadAsync(string id, CancellationToken cancellationToken) => client.GetRequestAsync(id, cancellationToken);

    protected override WorkItem ToItem(FulfillmentRequest request)
        => new(this, request, request.Id, request.Type.ToString(), request.Status, request.ProductId, request.Environment.ToString(), "connect.asset.id", request.Asset?.Id);

    protected override IEnumerable<Parameter> ParametersOf(FulfillmentRequest request)
        => (request.Asset?.Parameters ?? []).Concat(request.Asset?.Configuration?.Parameters ?? []);

    protected override TemplateScope TemplateScopeOf(FulfillmentRequest request) => TemplateScope.Asset;

    protected override async Task<Decision?> HandleAsync(FulfillmentRequest request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        if (handlers.Find(request.Type, request.Status) is not { } factory)
        {
            return null;
        }

        var context = new FulfillmentRequestContext(request, client, services, dryRun);
        return await DecideAsync(context, factory(services).HandleAsync(context, cancellationToken)).ConfigureAwait(false);
    }

    private static RequestStatus? StatusOf(FulfillmentRequest updated) => string.IsNullOrEmpty(updated.Status.Value) ? (RequestStatus?)null : updated.Status;
}
