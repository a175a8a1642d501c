using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Writes a validator's changes into the JSON Connect sent: only <c>value_error</c> and <c>value</c> of the changed
/// parameters, so every other field — unknown ones included — goes back exactly as received.
/// </summary>
internal static class ValidationJson
{
    /// <summary>The parameters array: <c>asset.params</c> of a fulfillment request, <c>params</c> of a tier configuration request.</summary>
    public static JsonArray? Parameters(JsonObject root, bool tierConfiguration)
        => tierConfiguration ? root["params"] as JsonArray : (root["asset"] as JsonObject)?["params"] as JsonArray;

    public static void Apply(JsonObject root, bool tierConfiguration, IReadOnlyDictionary<string, ParameterChange> changes)
    {
        if (changes.Count == 0 || Parameters(root, tierConfiguration) is not { } parameters)
        {
            return;
        }

        foreach (var (id, change) in changes)
        {
            // The first parameter with the id, as the lookups that found it for the validator.
            if (parameters.OfType<JsonObject>().FirstOrDefault(p => IdOf(p) == id) is not { } parameter)
            {
                continue;
            }

            if (change.Error is { } error)
            {
                parameter["value_error"] = error;
            }

            if (change.Value is { } value)
            {
                parameter["value"] = value;
            }
        }
    }

    // Ids are strings, but the typed reader also accepts numbers, so a numeric id must match here too.
    private static string? IdOf(JsonObject parameter) => parameter["id"] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
