using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>A hand-written reader of one model, callable without going through the serializer.</summary>
/// <typeparam name="T">The model.</typeparam>
internal interface IModelReader<T> where T : class
{
    /// <summary>Reads the model the reader is on: an object, or JSON null (null).</summary>
    /// <param name="reader">The reader, on the first token of the value; left on its last token.</param>
    /// <returns>The model, or null.</returns>
    /// <exception cref="JsonException">The value is neither an object nor null, or a member has the wrong shape.</exception>
    static abstract T? ReadValue(ref Utf8JsonReader reader);
}
