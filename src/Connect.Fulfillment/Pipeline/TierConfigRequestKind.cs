using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline;

internal sealed class TierConfigRequestKind(IConnectClient client, FulfillmentHandlers handlers, TierConfigRequestQuery query) : RequestKind<TierConfigRequest>
{
    public override string Name => "tier-config";

    public override string ListPath => "tier/config-requests";

    public override string IdOf(TierConfigRequest request) => request.Id ?? string.Empty;

    public override string TypeOf(TierConfigRequest request) => request.Type.ToString();

    public override RequestStatus StatusOf(TierConfigRequest request) => request.Status;

    public override string? ProductOf(TierConfigRequest request) => request.ProductId;

    public override TemplateScope TemplateScopeOf(TierConfigRequest request)
        => request.Configuration?.TierLevel == 2 ? TemplateScope.Tier2 : TemplateScope.Tier1;

    public override bool SupportsActivationTile => false;

    public override IReadOnlyList<KeyValuePair<string, object?>> ScopeOf(TierConfigRequest request) =>
    [
        new("connect.request.id", request.Id),
        new("connect.request.type", request.Type.ToString()),
        new("connect.product.id", request.ProductId),
        new("connect.tier_config.id", request.Configuration?.Id),
        new("connect.environment", request.ConnectionType.ToString()),
    ];

    public override IEnumerable<Parameter> ParametersOf(TierConfigRequest request)
        => request.Parameters.Concat(request.Configuration?.Parameters ?? []);

    public override Task<ConnectPage<TierConfigRequest>> ListPageAsync(int offset, CancellationToken cancellationToken)
        => client.GetTierConfigRequestsPageAsync(query, offset, null, cancellationToken);

    public override Task<TierConfigRequest> GetAsync(string id, CancellationToken cancellationToken) => client.GetTierConfigRequestAsync(id, cancellationToken);

    public override async Task<(RequestOutcome Outcome, IReadOnlyList<ParameterUpdate> Updates)?> HandleAsync(TierConfigRequest request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        var factory = handlers.FindTierConfig(request.Type);
        if (factory is null)
        {
            return null;
        }

        var context = new TierConfigRequestContext(request, client, services, dryRun);
        var outcome = await factory(services).HandleAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The handler returned no outcome.");
        return (outcome, context.ParameterUpdates);
    }

    public override Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken)
        => client.UpdateTierConfigRequestParametersAsync(id, updates, null, cancellationToken);

    public override async Task<RequestStatus?> TransitionAsync(string id, OutcomeKind kind, ApproveRequest? approval, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case OutcomeKind.Approve:
                if (approval?.TemplateId is not { } templateId)
                {
                    throw new InvalidOperationException("Tier configuration requests are approved with a template, not a tile.");
                }

                await client.ApproveTierConfigRequestAsync(id, templateId, cancellationToken).ConfigureAwait(false);
                return RequestStatus.Approved;
            case OutcomeKind.Fail:
                await client.FailTierConfigRequestAsync(id, outcome.Reason!, cancellationToken).ConfigureAwait(false);
                return RequestStatus.Failed;
            case OutcomeKind.Inquire:
                await client.InquireTierConfigRequestAsync(id, cancellationToken).ConfigureAwait(false);
                return RequestStatus.Inquiring;
            case OutcomeKind.Pend:
                await client.PendTierConfigRequestAsync(id, cancellationToken).ConfigureAwait(false);
                return RequestStatus.Pending;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a transition.");
        }
    }
}
