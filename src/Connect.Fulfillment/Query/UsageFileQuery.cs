using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Query;

/// <summary>A filter for usage files, rendered as one RQL <c>and(...)</c>.</summary>
public sealed record UsageFileQuery
{
    /// <summary>Product ids (<c>product.id</c>).</summary>
    public IReadOnlyList<string> ProductIds { get; init => field = value ?? []; } = [];

    /// <summary>Contract ids (<c>contract.id</c>).</summary>
    public IReadOnlyList<string> ContractIds { get; init => field = value ?? []; } = [];

    /// <summary>External ids (<c>external_id</c>).</summary>
    public IReadOnlyList<string> ExternalIds { get; init => field = value ?? []; } = [];

    /// <summary>Statuses (<c>status</c>).</summary>
    public IReadOnlyList<UsageFileStatus> Statuses { get; init => field = value ?? []; } = [];

    /// <summary>Usage file ids (<c>id</c>).</summary>
    public IReadOnlyList<string> Ids { get; init => field = value ?? []; } = [];

    /// <summary>Any further RQL, AND-ed with the fields above.</summary>
    public RqlFilter? Filter { get; init; }

    /// <summary>The usage files with the given external id.</summary>
    /// <param name="externalId">The external id.</param>
    /// <returns>The query.</returns>
    public static UsageFileQuery ByExternalId(string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        return new UsageFileQuery { ExternalIds = [externalId] };
    }

    /// <summary>Renders the query as RQL, or null when it filters nothing.</summary>
    /// <returns>The filter.</returns>
    public RqlFilter? ToRql() => RqlTerms.Combine(
        RqlTerms.In("product.id", ProductIds),
        RqlTerms.In("contract.id", ContractIds),
        RqlTerms.In("external_id", ExternalIds),
        RqlTerms.In("status", Statuses.Select(s => s.Value)),
        RqlTerms.In("id", Ids),
        Filter);
}
