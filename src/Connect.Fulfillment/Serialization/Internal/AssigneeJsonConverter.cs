using System.Text.Json;
using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>Reads <c>assignee</c> as either a string (empty means unassigned) or an object.</summary>
internal sealed class AssigneeJsonConverter : JsonConverter<Assignee?>
{
    public override bool HandleNull => true;

    public override Assignee? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var text = LenientText.Read(ref reader);
            return string.IsNullOrEmpty(text) ? null : new Assignee { Id = text };
        }

        string? id = null, name = null, email = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            var value = LenientText.Read(ref reader);
            switch (property)
            {
                case "id": id = value; break;
                case "name": name = value; break;
                case "email": email = value; break;
            }
        }

        return new Assignee { Id = id, Name = name, Email = email };
    }

    public override void Write(Utf8JsonWriter writer, Assignee? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WriteString("name", value.Name);
        writer.WriteString("email", value.Email);
        writer.WriteEndObject();
    }
}
