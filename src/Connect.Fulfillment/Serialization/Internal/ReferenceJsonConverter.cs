using System.Text.Json;
using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Reads a reference sent either as an object (<c>{"id": "VA-…", "name": "…"}</c>) or as a bare id: Connect's usage
/// file answers use both shapes for the same field (the spec's create answer versus its detail answer).
/// </summary>
internal sealed class ReferenceJsonConverter : JsonConverter<Reference>
{
    /// <inheritdoc />
    public override Reference? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return LenientText.Read(ref reader) is { } id ? new Reference { Id = id } : null;
        }

        string? refId = null;
        string? name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "id":
                    refId = LenientText.Read(ref reader);
                    break;
                case "name":
                    name = LenientText.Read(ref reader);
                    break;
                default:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        LenientText.SkipValue(ref reader);
                    }

                    break;
            }
        }

        return new Reference { Id = refId, Name = name };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Reference value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Id is not null)
        {
            writer.WriteString("id", value.Id);
        }

        if (value.Name is not null)
        {
            writer.WriteString("name", value.Name);
        }

        writer.WriteEndObject();
    }
}
