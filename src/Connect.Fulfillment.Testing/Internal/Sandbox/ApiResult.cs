using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>A fully serialized HTTP response produced by a handler (serialized while the store lock is held).</summary>
internal sealed class ApiResult : IResult
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

    /// <summary>Writes the response; with a <see cref="SandboxCall"/> the write also ends when the sandbox stops.</summary>
    public Task ExecuteAsync(HttpContext httpContext) =>
        WriteAsync(httpContext, httpContext.Features.Get<SandboxCall>()?.CancellationToken ?? httpContext.RequestAborted);

    public async Task WriteAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (ContentRange is not null)
        {
            response.Headers["Content-Range"] = ContentRange;
        }

        if (RetryAfter is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        if (Body is { } bytes)
        {
            response.ContentType = "application/json";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, cancellationToken);
        }
        else
        {
            response.ContentLength = 0;
        }
    }

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
