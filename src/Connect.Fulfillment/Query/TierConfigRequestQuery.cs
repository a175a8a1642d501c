using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Query;

/// <summary>A filter for tier configuration requests, rendered as one RQL <c>and(...)</c>.</summary>
public sealed record TierConfigRequestQuery
{
    /// <summary>Product ids (<c>configuration.product.id</c>).</summary>
    public IReadOnlyList<string> ProductIds { get; init => field = value ?? []; } = [];

    /// <summary>Environments (<c>configuration.connection.type</c>).</summary>
    public IReadOnlyList<ConnectionType> Environments { get; init => field = value ?? []; } = [];

    /// <summary>Statuses (<c>status</c>).</summary>
    public IReadOnlyList<RequestStatus> Statuses { get; init => field = value ?? []; } = [];

    /// <summary>Types (<c>type</c>).</summary>
    public IReadOnlyList<TierConfigRequestType> Types { get; init => field = value ?? []; } = [];

    /// <summary>Request ids (<c>id</c>).</summary>
    public IReadOnlyList<string> Ids { get; init => field = value ?? []; } = [];

    /// <summary>Any further RQL, AND-ed with the fields above.</summary>
    public RqlFilter? Filter { get; init; }

    /// <summary>The pending tier configuration requests of the given products and environments.</summary>
    /// <param name="productIds">The product ids.</param>
    /// <param name="environments">The environments; <c>preview</c> when none are given.</param>
    /// <returns>The query.</returns>
    public static TierConfigRequestQuery Pending(IEnumerable<string> productIds, IEnumerable<ConnectionType>? environments = null)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var envs = environments?.ToArray() ?? [];
        return new TierConfigRequestQuery
        {
            ProductIds = productIds.ToArray(),
            Environments = envs.Length == 0 ? [ConnectionType.Preview] : envs,
            Statuses = [RequestStatus.Pending],
        };
    }

    /// <summary>Renders the query as RQL, or null when it filters nothing.</summary>
    /// <returns>The filter.</returns>
    public RqlFilter? ToRql() => RqlTerms.Combine(
        RqlTerms.In("configuration.product.id", ProductIds),
        RqlTerms.In("configuration.connection.type", Environments.Select(e => e.Value)),
        RqlTerms.In("status", Statuses.Select(s => s.Value)),
        RqlTerms.In("type", Types.Select(t => t.Value)),
        RqlTerms.In("id", Ids),
        Filter);
}
