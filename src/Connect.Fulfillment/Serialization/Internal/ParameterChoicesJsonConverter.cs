using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Reads a list of parameter choices sent either as strings (the OpenAPI description's form) or as objects with
/// <c>value</c>, <c>label</c> and <c>default</c> (what Connect sends in practice). A string becomes a choice whose value
/// and label are that string; objects are read by the generated code. JSON null reads as an empty list.
/// </summary>
internal sealed class ParameterChoicesJsonConverter : JsonConverter<IReadOnlyList<ParameterChoice>>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<ParameterChoice> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The choices must be a JSON array of strings or objects, not {reader.TokenType}.");
        }

        var choiceType = (JsonTypeInfo<ParameterChoice>)options.GetTypeInfo(typeof(ParameterChoice));
        var choices = new List<ParameterChoice>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    choices.Add(JsonSerializer.Deserialize(ref reader, choiceType)!);
                    break;
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.StartArray:
                    throw new JsonException($"Choice {choices.Count} is an array; a choice is a string or an object.");
                default:
                    var text = LenientText.Read(ref reader);
                    choices.Add(new ParameterChoice { Value = text, Label = text });
                    break;
            }
        }

        return choices;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ParameterChoice> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var choiceType = (JsonTypeInfo<ParameterChoice>)options.GetTypeInfo(typeof(ParameterChoice));
        writer.WriteStartArray();
        foreach (var choice in value ?? [])
        {
            JsonSerializer.Serialize(writer, choice, choiceType);
        }

        writer.WriteEndArray();
    }
}
