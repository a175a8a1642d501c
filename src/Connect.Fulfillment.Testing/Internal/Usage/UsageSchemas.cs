using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>The pay-as-you-go shapes of a product (spec <c>dp.PayAsYouGo</c>, <c>dp.UIItem</c>) and the columns each usage schema needs.</summary>
internal static class UsageSchemas
{
    /// <summary>The columns every schema needs (docs/connect-api.md §4.6).</summary>
    private static readonly string[] Common =
    [
        "record_id", "item_search_criteria", "item_search_value", "start_time_utc", "end_time_utc", "asset_search_criteria", "asset_search_value",
    ];

    /// <summary>The schemas the spec's <c>dp.PayAsYouGo.schema</c> lists.</summary>
    public static bool IsKnown(string schema) => schema.ToUpperInvariant() is "QT" or "TR" or "CR" or "PR";

    /// <summary>
    /// The columns a schema needs: quantity for QT, TR and PR, the tier for TR, the amount for CR and PR. Only the QT
    /// set is documented; the others follow the schema names (quantity, tiered, cost, price) and are a sandbox assumption.
    /// </summary>
    public static IReadOnlyList<string> RequiredColumns(string schema) => schema.ToLowerInvariant() switch
    {
        "tr" => [.. Common, "quantity", "tier"],
        "cr" => [.. Common, "amount"],
        "pr" => [.. Common, "quantity", "amount"],
        _ => [.. Common, "quantity"],
    };

    public static JsonObject Capabilities(JsonObject? existing, string schema)
    {
        if (!IsKnown(schema))
        {
            throw new ArgumentException($"Unknown usage schema \"{schema}\"; use qt, tr, cr or pr.", nameof(schema));
        }

        var capabilities = existing ?? [];
        capabilities["ppu"] = new JsonObject
        {
            ["schema"] = schema.ToUpperInvariant(),
            ["dynamic"] = false,
            ["predictive"] = false,
            ["future"] = false,
            ["late"] = false,
            ["required_custom_fields"] = new JsonArray(),
        };
        return capabilities;
    }

    /// <summary>The lower-case schema of a product (as usage files spell it), or null when it is not pay-as-you-go.</summary>
    public static string? SchemaOf(JsonObject? product) =>
        product?["capabilities"]?["ppu"] is JsonObject ppu ? (JsonPath.GetString(ppu, "schema") ?? "QT").ToLowerInvariant() : null;

    public static JsonObject PayAsYouGoItem(string productId, int position, string mpn, string? id)
    {
        var itemId = id ?? string.Create(CultureInfo.InvariantCulture, $"{productId}-{position:0000}");
        return new JsonObject
        {
            ["id"] = itemId,
            ["name"] = mpn,
            ["display_name"] = mpn,
            ["mpn"] = mpn,
            ["local_id"] = itemId,
            ["type"] = "ppu",
            ["status"] = "published",
            ["period"] = "monthly",
            ["precision"] = "decimal(2)",
            ["position"] = position * 10000,
            ["dynamic"] = false,
            ["unit"] = new JsonObject { ["id"] = "unit", ["title"] = "Units", ["unit"] = "unit" },
        };
    }
}
