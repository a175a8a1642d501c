using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

/// <summary>
/// A response body read to the end by <see cref="BufferingHandler"/>, marked when it is not syntactically valid JSON
/// so that the retry rules (<see cref="ConnectResilience"/>) can re-send a safe call that got a broken 2xx body.
/// </summary>
internal sealed class BufferedContent : ByteArrayContent
{
    // Scanned as deep as a page is, so that one item nested too deep is reported on its own instead of making the
    // whole page look broken and retried.
    private static readonly JsonReaderOptions ReaderOptions = JsonDepth.ScanOptions(ConnectJson.Options);

    /// <summary>Wraps the bytes of a body read to the end.</summary>
    /// <param name="bytes">The body.</param>
    /// <param name="isMalformedJson">Whether the body was checked and is not valid JSON.</param>
    public BufferedContent(byte[] bytes, bool isMalformedJson)
        : base(bytes)
    {
        Body = bytes;
        IsMalformedJson = isMalformedJson;
    }

    /// <summary>The body, for readers that parse it in place instead of through a stream.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>True when the body was checked (a 2xx to a call that may be re-sent) and is not syntactically valid JSON.</summary>
    public bool IsMalformedJson { get; }

    /// <summary>
    /// Whether <paramref name="json"/> is one syntactically valid JSON value (an optional UTF-8 byte order mark, then one
    /// value, then only whitespace), read with the serializer's comment and trailing-comma rules and the scan depth of
    /// <see cref="JsonDepth"/>. Builds no DOM.
    /// </summary>
    /// <param name="json">The body.</param>
    /// <returns>True when the serializer would not fail on the syntax.</returns>
    public static bool IsValidJson(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
