using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Query;

/// <summary>A filter for a product's templates. Names are not unique across scopes, so filter by scope too.</summary>
public sealed record TemplateQuery
{
    /// <summary>The template name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The scope (<c>scope</c>).</summary>
    public TemplateScope? Scope { get; init; }

    /// <summary>The type (<c>type</c>).</summary>
    public TemplateType? Type { get; init; }

    /// <summary>Renders the query as RQL, or null when it filters nothing.</summary>
    /// <returns>The filter.</returns>
    public RqlFilter? ToRql() => RqlTerms.Combine(
        Name is null ? null : RqlFilter.Eq("name", Name),
        Scope is { } scope ? RqlFilter.Eq("scope", scope.Value) : null,
        Type is { } type ? RqlFilter.Eq("type", type.Value) : null);
}
