using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>Reads a boolean sent as <c>true</c>/<c>false</c>, as a string, or as 0/1; anything else reads as null.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => LenientText.Read(ref reader) switch
        {
            "true" or "True" or "1" => true,
            "false" or "False" or "0" => false,
            _ => null,
        };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
