using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Rql;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>One page of a filtered list, answered like Connect: a JSON array and <c>Content-Range: items first-last/total</c>.</summary>
internal static class ListPage
{
    private const int DefaultLimit = 100;

    /// <summary>Filters and pages <paramref name="source"/> by an RQL query string. Call under the store lock.</summary>
    /// <exception cref="RqlException">The query cannot be parsed.</exception>
    public static ApiResult Create(IEnumerable<JsonObject> source, string? rawQuery, int maxPageSize, Func<JsonObject, JsonNode>? project = null)
    {
        var query = ListQuery.Parse(rawQuery);
        var pageSize = Math.Min(query.Limit ?? DefaultLimit, maxPageSize);
        var page = new List<JsonNode>(Math.Min(pageSize, 128));
        var total = 0;
        foreach (var item in source)
        {
            if (!query.Matches(item))
            {
                continue;
            }

            if (total >= query.Offset && page.Count < pageSize)
            {
                page.Add(project is null ? item : project(item));
            }

            total++;
        }

        return All(page, query.Offset, total);
    }

    /// <summary>A whole list (or the page at <paramref name="offset"/>) with its range.</summary>
    public static ApiResult All(IReadOnlyList<JsonNode> items, int offset = 0, int? total = null)
    {
        var count = total ?? items.Count;
        var range = items.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"items 0-0/{count}")
            : string.Create(CultureInfo.InvariantCulture, $"items {offset}-{offset + items.Count - 1}/{count}");
        return new ApiResult(200, ApiResult.SerializePage(items), range);
    }
}
