using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal;
/// <summary>Dotted-path lookup into stored JSON; arrays on the way are searched element-wise.</summary>
internal static class JsonPath
{
    public static void Collect(JsonNode? node, string[] path, int index, List<string?> values)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Collect(element, path, index, values);
            }

            return;
        }

        if (index == path.Length)
        {
            values.Add(ScalarText(node));
            return;
        }

        if (node is JsonObject obj)
        {
            if (obj.TryGetPropertyValue(path[index], out var child))
            {
                Collect(child, path, index + 1, values);
            }
            else if (index == path.Length - 1)
            {
                values.Add(null);
            }
        }
        else if (node is null)
        {
            values.Add(null);
        }
    }

    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return node?.ToJsonString();
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => v.ToJsonString(),
        };
    }

    public static string? GetString(JsonNode? node, string dottedPath)
    {
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return ScalarText(node);
    }
}
