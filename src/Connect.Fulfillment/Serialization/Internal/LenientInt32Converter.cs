using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>Reads an integer sent as a number or as a numeric string; anything else reads as null.</summary>
internal sealed class LenientInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = LenientText.ReadInt64(ref reader);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
