using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>
/// Writes a model graph as canonical JSON by reflection, independent of any serializer: every public property (computed
/// ones included) sorted by name, scalars tagged with their type, null distinguished from empty, a string-backed value
/// with a null <c>Value</c> distinguished from an empty one, a JSON element as its kind and raw text, and each list with
/// its runtime type. Two graphs with the same text hold the same values.
/// </summary>
internal static class ModelGraph
{
    public static string Canonical(object? graph) => Dump(graph)?.ToJsonString() ?? "null";

    private static JsonNode? Dump(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create("s:" + text);
            case bool flag:
                return JsonValue.Create("b:" + flag);
            case int number:
                return JsonValue.Create("i:" + number.ToString(CultureInfo.InvariantCulture));
            case decimal number:
                return JsonValue.Create("m:" + number.ToString(CultureInfo.InvariantCulture));
            case DateTimeOffset timestamp:
                return JsonValue.Create("t:" + timestamp.ToString("O", CultureInfo.InvariantCulture));
            case JsonElement element:
                return new JsonObject { ["kind"] = element.ValueKind.ToString(), ["raw"] = element.ValueKind == JsonValueKind.Undefined ? null : element.GetRawText() };
            case IEnumerable list:
                var items = new JsonArray();
                foreach (var item in list)
                {
                    items.Add(Dump(item));
                }

                return new JsonObject { ["list"] = value.GetType().Name, ["items"] = items };
        }

        var type = value.GetType();
        if (type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStringValue<>)))
        {
            var raw = (string?)type.GetProperty("Value")!.GetValue(value);
            return new JsonObject { ["value"] = raw is null ? null : "s:" + raw };
        }

        if (type.Namespace != typeof(FulfillmentRequest).Namespace)
        {
            throw new InvalidOperationException($"ModelGraph does not know how to write {type}.");
        }

        var json = new JsonObject { ["$type"] = type.Name };
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            json[property.Name] = Dump(property.GetValue(value));
        }

        return json;
    }
}
