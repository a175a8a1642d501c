using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal;

/// <summary>A fully serialized HTTP response produced by a handler (serialized while the state lock is held).</summary>
internal readonly struct ApiResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public ApiResult(int status, byte[]? body, string? contentRange = null, int? retryAfter = null)
    {
        Status = status;
        Body = body;
        ContentRange = contentRange;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public byte[]? Body { get; }

    public string? ContentRange { get; }

    public int? RetryAfter { get; }

    public static ApiResult Json(int status, JsonNode? node) => new(status, Serialize(node));

    public static ApiResult NoContent() => new(204, null);

    public static ApiResult Error(int status, string code, string message, JsonObject? parameters = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("error_code", code);
            w.WriteStartArray("errors");
            w.WriteStringValue(message);
            w.WriteEndArray();
            if (parameters is not null)
            {
                w.WritePropertyName("params");
                parameters.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return new ApiResult(status, buffer.WrittenSpan.ToArray());
    }

    public static ApiResult NotFound(string what) => Error(404, "NOT_FOUND", what);

    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
            {
                w.WriteNullValue();
            }
            else
            {
                node.WriteTo(w);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] SerializePage(IReadOnlyList<JsonNode> items)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, items.Count * 2048));
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(w);
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
