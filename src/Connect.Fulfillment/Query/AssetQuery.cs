using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Query;

/// <summary>A filter for assets (subscriptions), rendered as one RQL <c>and(...)</c>.</summary>
public sealed record AssetQuery
{
    /// <summary>Product ids (<c>product.id</c>).</summary>
    public IReadOnlyList<string> ProductIds { get; init => field = value ?? []; } = [];

    /// <summary>Environments (<c>connection.type</c>).</summary>
    public IReadOnlyList<ConnectionType> Environments { get; init => field = value ?? []; } = [];

    /// <summary>Statuses (<c>status</c>).</summary>
    public IReadOnlyList<AssetStatus> Statuses { get; init => field = value ?? []; } = [];

    /// <summary>Contract ids (<c>contract.id</c>).</summary>
    public IReadOnlyList<string> ContractIds { get; init => field = value ?? []; } = [];

    /// <summary>Asset ids (<c>id</c>).</summary>
    public IReadOnlyList<string> Ids { get; init => field = value ?? []; } = [];

    /// <summary>Any further RQL, AND-ed with the fields above.</summary>
    public RqlFilter? Filter { get; init; }

    /// <summary>The assets of one product in the given environments and statuses.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="environments">The environments; all when none are given.</param>
    /// <param name="statuses">The statuses; all when none are given.</param>
    /// <returns>The query.</returns>
    public static AssetQuery ForProduct(string productId, IEnumerable<ConnectionType>? environments = null, IEnumerable<AssetStatus>? statuses = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        return new AssetQuery
        {
            ProductIds = [productId],
            Environments = environments?.ToArray() ?? [],
            Statuses = statuses?.ToArray() ?? [],
        };
    }

    /// <summary>Renders the query as RQL, or null when it filters nothing.</summary>
    /// <returns>The filter.</returns>
    public RqlFilter? ToRql() => RqlTerms.Combine(
        RqlTerms.In("product.id", ProductIds),
        RqlTerms.In("connection.type", Environments.Select(e => e.Value)),
        RqlTerms.In("status", Statuses.Select(s => s.Value)),
        RqlTerms.In("contract.id", ContractIds),
        RqlTerms.In("id", Ids),
        Filter);
}
