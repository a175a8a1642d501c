using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>Tier configuration requests (<c>TCR-…</c>): the only place the pipeline reads their model fields.</summary>
internal sealed class TierConfigOperations(IConnectClient client, FulfillmentHandlers handlers, TierConfigRequestQuery query)
    : RequestOperations<TierConfigRequest>
{
    private readonly TierConfigRequestQuery query = query;

    private static readonly RequestStatus[] Statuses = [RequestStatus.Pending];

    public override RequestKind Kind => RequestKind.TierConfiguration;

    public override string Name => "tier-config";

    public override IReadOnlyCollection<RequestStatus> ListedStatuses => Statuses;

    public override ListedRequestCheck Listing { get; } = ListedRequestCheck.For(query);

    /// <summary>Connect approves tier configuration requests with a template only.</summary>
    public override bool SupportsActivationTile => false;

    protected override string ListPath => "tier/config-requests";

    public override Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken)
        => client.UpdateTierConfigRequestParametersAsync(id, updates, null, cancellationToken);

    public override async Task<RequestStatus?> ApproveAsync(string id, ApproveRequest approval, CancellationToken cancellationToken)
    {
        var templateId = approval.TemplateId ?? throw new InvalidOperationException("Tier configuration requests are approved with a template, not a tile.");
        await client.ApproveTierConfigRequestAsync(id, templateId, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override async Task<RequestStatus?> FailAsync(string id, string reason, CancellationToken cancellationToken)
    {
        await client.FailTierConfigRequestAsync(id, reason, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Connect's tier configuration inquire takes no template.</summary>
    public override async Task<RequestStatus?> InquireAsync(string id, string? templateId, CancellationToken cancellationToken)
    {
        await client.InquireTierConfigRequestAsync(id, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override async Task<RequestStatus?> PendAsync(string id, CancellationToken cancellationToken)
    {
        await client.PendTierConfigRequestAsync(id, cancellationToken).ConfigureAwait(false);
        return null;
    }

    protected override Task<ConnectPage<TierConfigRequest>> ListAsync(int offset, CancellationToken cancellationToken)
        => client.GetTierConfigRequestsPageAsync(query, offset, null, cancellationToken);

    protected override Task<TierConfigRequest> ReadAsync(string id, CancellationToken cancellationToken) => client.GetTierConfigRequestAsync(id, cancellationToken);

    protected override WorkItem ToItem(TierConfigRequest request)
        => new(this, request, request.Id, request.Type.ToString(), request.Status, request.ProductId, request.ConnectionType.ToString(), "connect.tier_config.id", request.Configuration?.Id);

    protected override IEnumerable<Parameter> ParametersOf(TierConfigRequest request)
        => request.Parameters.Concat(request.Configuration?.Parameters ?? []);

    protected override TemplateScope TemplateScopeOf(TierConfigRequest request)
        => request.Configuration?.TierLevel == 2 ? TemplateScope.Tier2 : TemplateScope.Tier1;

    protected override async Task<Decision?> HandleAsync(TierConfigRequest request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        if (handlers.FindTierConfig(request.Type) is not { } factory)
        {
            return null;
        }

        var context = new TierConfigRequestContext(request, client, services, dryRun);
        return await DecideAsync(context, factory(services).HandleAsync(context, cancellationToken)).ConfigureAwait(false);
    }
}
