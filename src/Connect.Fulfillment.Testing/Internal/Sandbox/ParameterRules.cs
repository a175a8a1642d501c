using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>How Connect treats parameters: lookups, validated updates, required checks and template rendering.</summary>
internal static partial class ParameterRules
{
    private static readonly string[] UpdatableFields = ["value", "value_error", "structured_value"];

    public static JsonObject? Find(JsonArray? parameters, string id) =>
        parameters?.OfType<JsonObject>().FirstOrDefault(p => JsonPath.GetString(p, "id") == id);

    public static string? ValueOf(JsonArray? parameters, string id) =>
        Find(parameters, id) is { } p ? JsonPath.GetString(p, "value") : null;

    public static bool AnyValueError(JsonArray? parameters) =>
        parameters?.Any(p => !string.IsNullOrEmpty(JsonPath.GetString(p, "value_error"))) == true;

    /// <summary>Ids of required non-ordering parameters with neither a value nor a structured value.</summary>
    public static JsonArray EmptyRequired(JsonArray? parameters)
    {
        var empty = new JsonArray();
        foreach (var p in parameters?.OfType<JsonObject>() ?? [])
        {
            if (JsonPath.GetString(p, "phase") != "ordering"
                && JsonPath.GetString(p, "constraints.required") == "true"
                && string.IsNullOrEmpty(JsonPath.GetString(p, "value"))
                && (p["structured_value"] is not JsonObject sv || sv.Count == 0))
            {
                empty.Add(JsonPath.GetString(p, "id"));
            }
        }

        return empty;
    }

    /// <summary>Applies <c>value</c>, <c>value_error</c> and <c>structured_value</c> updates; returns an error and changes nothing when one is invalid.</summary>
    public static ApiResult? Apply(JsonArray? target, JsonArray? updates)
    {
        if (updates is null)
        {
            return null;
        }

        // Validate first so a bad update changes nothing.
        var pairs = new List<(JsonObject Target, JsonObject Update)>();
        foreach (var u in updates)
        {
            if (u is not JsonObject update || JsonPath.GetString(update, "id") is not { } id)
            {
                return ApiResult.Error(400, "VAL_001", "params: Each parameter must be an object with an id.");
            }

            var existing = Find(target, id);
            if (existing is null)
            {
                return ApiResult.Error(400, "VAL_001", $"params: Parameter {id} does not exist.");
            }

            pairs.Add((existing, update));
        }

        foreach (var (existing, update) in pairs)
        {
            foreach (var field in UpdatableFields)
            {
                if (update.TryGetPropertyValue(field, out var v))
                {
                    existing[field] = v?.DeepClone();
                }
            }
        }

        return null;
    }

    /// <summary>Fills <c>{{ param_id }}</c> placeholders of a template body with parameter values.</summary>
    public static string Render(string body, JsonArray? parameters) =>
        PlaceholderRegex().Replace(body, m => Find(parameters, m.Groups[1].Value) is { } p ? JsonPath.GetString(p, "value") ?? string.Empty : m.Value);

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();
}
