using System.Globalization;
using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>Reads JSON scalars as text, whatever their JSON type, and skips objects and arrays.</summary>
internal static class LenientText
{
    public static string? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.HasValueSequence
                    ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
                    : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>
    /// Skips the object or array the reader is on. A converter is always handed the whole value, but when the serializer
    /// reads from a stream the reader is not on the final block, where <see cref="Utf8JsonReader.Skip"/> throws;
    /// <see cref="Utf8JsonReader.TrySkip"/> succeeds because the value is complete.
    /// </summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON value ends before its end.");
        }
    }

    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        var text = Read(ref reader);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
