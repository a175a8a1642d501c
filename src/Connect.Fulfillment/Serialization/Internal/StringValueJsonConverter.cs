using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>Reads and writes an extensible string-backed value; numbers and booleans are read as their text.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StringValueJsonConverter<T> : JsonConverter<T> where T : struct, IStringValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        // JSON null reads as an empty value: the serializer hands null to converters of non-nullable value types.
        => T.From(LenientText.Read(ref reader) ?? string.Empty);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value ?? string.Empty);
    }
}
