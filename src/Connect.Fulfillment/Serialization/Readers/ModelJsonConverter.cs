using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>
/// A converter that reads a model with its hand-written reader and writes it with the source generator's own metadata
/// (<see cref="GeneratedModelJsonContext"/>), so written JSON is exactly what the generated code writes.
/// </summary>
/// <typeparam name="T">The model.</typeparam>
/// <typeparam name="TReader">Its reader.</typeparam>
internal abstract class ModelJsonConverter<T, TReader> : JsonConverter<T>
    where T : class
    where TReader : IModelReader<T>
{
    private static readonly JsonTypeInfo<T> Generated = (JsonTypeInfo<T>)GeneratedModelJsonContext.Default.GetTypeInfo(typeof(T))!;

    public sealed override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return TReader.ReadValue(ref reader);
        }
        catch (ModelReadException ex)
        {
            // Only the documented exception type leaves the library; the message keeps the path inside the model.
            throw new JsonException(ex.Message, ex.InnerException);
        }
    }

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value, Generated);
}
