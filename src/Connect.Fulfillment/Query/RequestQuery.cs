using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Query;

/// <summary>
/// A filter for fulfillment requests: the fields processors use, rendered as one RQL <c>and(...)</c> in a fixed
/// order (product, environment, status, type, id, then <see cref="Filter"/>). Empty lists are not filtered on.
/// </summary>
public sealed record RequestQuery
{
    /// <summary>Product ids (<c>asset.product.id</c>).</summary>
    public IReadOnlyList<string> ProductIds { get; init => field = value ?? []; } = [];

    /// <summary>Environments (<c>asset.connection.type</c>).</summary>
    public IReadOnlyList<ConnectionType> Environments { get; init => field = value ?? []; } = [];

    /// <summary>Statuses (<c>status</c>).</summary>
    public IReadOnlyList<RequestStatus> Statuses { get; init => field = value ?? []; } = [];

    /// <summary>Request types (<c>type</c>).</summary>
    public IReadOnlyList<RequestType> Types { get; init => field = value ?? []; } = [];

    /// <summary>Request ids (<c>id</c>).</summary>
    public IReadOnlyList<string> Ids { get; init => field = value ?? []; } = [];

    /// <summary>Any further RQL, AND-ed with the fields above.</summary>
    public RqlFilter? Filter { get; init; }

    /// <summary>The pending requests of the given products and environments: what a processor works on.</summary>
    /// <param name="productIds">The product ids.</param>
    /// <param name="environments">The environments; <c>preview</c> when none are given.</param>
    /// <returns>The query.</returns>
    public static RequestQuery Pending(IEnumerable<string> productIds, IEnumerable<ConnectionType>? environments = null)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var envs = environments?.ToArray() ?? [];
        return new RequestQuery
        {
            ProductIds = productIds.ToArray(),
            Environments = envs.Length == 0 ? [ConnectionType.Preview] : envs,
            Statuses = [RequestStatus.Pending],
        };
    }

    /// <summary>Renders the query as RQL, or null when it filters nothing.</summary>
    /// <returns>The filter.</returns>
    public RqlFilter? ToRql() => RqlTerms.Combine(
        RqlTerms.In("asset.product.id", ProductIds),
        RqlTerms.In("asset.connection.type", Environments.Select(e => e.Value)),
        RqlTerms.In("status", Statuses.Select(s => s.Value)),
        RqlTerms.In("type", Types.Select(t => t.Value)),
        RqlTerms.In("id", Ids),
        Filter);
}
