using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Reads Connect timestamps (ISO 8601, also with a space instead of <c>T</c>); empty or unreadable values read as null
/// rather than failing the whole document.
/// </summary>
internal sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var exact))
        {
            return exact;
        }

        var text = LenientText.Read(ref reader);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
