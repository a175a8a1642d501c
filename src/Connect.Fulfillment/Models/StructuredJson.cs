using System.Text.Json;

namespace Connect.Fulfillment.Models;

/// <summary>Small reflection-free helpers to read and write flat JSON objects of strings.</summary>
internal static class StructuredJson
{
    /// <summary>Reads a property as text: strings as they are, numbers and booleans as their JSON text, anything else as null.</summary>
    public static string? ReadString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var property))
        {
            return null;
        }

        return property.ValueKind switch
        {
            JsonValueKind.String => property.GetString(),
            JsonValueKind.Number => property.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Writes the pairs as a JSON object, omitting null values.</summary>
    public static JsonElement WriteObject(params ReadOnlySpan<(string Name, string? Value)> properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
