using System.Text;
using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>
/// The pieces the hand-written model readers are built from. Each scalar reader does exactly what the converter the
/// generated code would call does (<see cref="LenientText"/> and the lenient converters), so a hand-read model equals a
/// generated one.
/// </summary>
internal static class ModelReader
{
    /// <summary>Checks the token a model starts at: true for an object, false for JSON null; anything else is an error.</summary>
    public static bool StartObject(ref Utf8JsonReader reader, string model) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw new JsonException($"The JSON value could not be converted to {model}: expected an object, found {reader.TokenType}."),
    };

    /// <summary>
    /// Moves to the next property of the object and returns its name (unescaped), leaving the reader on the property's
    /// value. Returns false at the end of the object.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        // Escaped or split names are rare; unescaping them allocates, which keeps the common path a plain span.
        name = reader.HasValueSequence || reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        Next(ref reader);
        return true;
    }

    /// <summary>Skips the value of a property no model member reads, objects and arrays included.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            LenientText.SkipValue(ref reader);
        }
    }

    /// <summary>A string property (<see cref="LenientStringConverter"/>).</summary>
    public static string? Text(ref Utf8JsonReader reader) => LenientText.Read(ref reader);

    /// <summary>A string-backed value property (<see cref="StringValueJsonConverter{T}"/>): JSON null reads as an empty value.</summary>
    public static T Value<T>(ref Utf8JsonReader reader) where T : struct, IStringValue<T> => StringValueJsonConverter<T>.ReadValue(ref reader);

    /// <summary>A <see cref="Nullable{Boolean}"/> property (<see cref="LenientBooleanConverter"/>).</summary>
    public static bool? Boolean(ref Utf8JsonReader reader) => LenientBooleanConverter.ReadValue(ref reader);

    /// <summary>A <see cref="Nullable{Int32}"/> property (<see cref="LenientInt32Converter"/>).</summary>
    public static int? Int32(ref Utf8JsonReader reader) => LenientInt32Converter.ReadValue(ref reader);

    /// <summary>A <see cref="Nullable{DateTimeOffset}"/> property (<see cref="LenientDateTimeOffsetConverter"/>).</summary>
    public static DateTimeOffset? Timestamp(ref Utf8JsonReader reader) => LenientDateTimeOffsetConverter.ReadValue(ref reader);

    /// <summary>A <see cref="Nullable{JsonElement}"/> property: JSON null reads as null, anything else as its element.</summary>
    public static JsonElement? Element(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>
    /// A list of models: JSON null reads as null (the model's setter turns it into an empty list), and a null element
    /// stays a null element, as the generated code keeps it.
    /// </summary>
    public static List<T>? List<T, TReader>(ref Utf8JsonReader reader, string model)
        where T : class
        where TReader : IModelReader<T>
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The JSON value could not be converted to a list of {model}: expected an array, found {reader.TokenType}.");
        }

        var list = new List<T>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return list;
            }

            try
            {
                list.Add(TReader.ReadValue(ref reader)!);
            }
            catch (JsonException ex)
            {
                throw At(ex, $"[{list.Count}]");
            }
        }
    }

    /// <summary>
    /// The error of a property's value, with the property added to the path in its message: the serializer only knows
    /// the path down to the model it called, so the readers below it say where in the model the fault is.
    /// </summary>
    public static JsonException AtProperty(JsonException error, ReadOnlySpan<byte> property)
    {
        var name = Encoding.UTF8.GetString(property);
        return At(error, IsPlainName(name) ? "." + name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']");
    }

    private static JsonException At(JsonException error, string segment) => error is ModelReadException inner
        ? new ModelReadException(inner.Reason, segment + inner.RelativePath, inner.InnerException)
        : new ModelReadException(error.Message, segment, error);

    private static bool IsPlainName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        // A converter is handed a complete value, so running out of tokens means the input was cut short.
        if (!reader.Read())
        {
            throw new JsonException("The JSON value ends before its end.");
        }
    }
}
