using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// How deep JSON from the wire may nest. A body is scanned with a reader whose depth limit is far above anything real,
/// so that one item nested too deep can be stepped over and reported on its own; each item, and each single object,
/// is then held to the serializer's own limit (64 levels). The reader keeps one bit per open level, and each level
/// costs the body at least one byte, so the scan stays as small as the body, which is itself bounded by
/// <see cref="ConnectClientOptions.MaxResponseBytes"/>.
/// </summary>
internal static class JsonDepth
{
    /// <summary>The deepest nesting a body is scanned through; deeper fails the whole body as malformed.</summary>
    public const int ScanMaxDepth = 1 << 20;

    /// <summary>The reader options of a scan: the serializer's comment and trailing-comma rules, and <see cref="ScanMaxDepth"/>.</summary>
    /// <param name="options">The serializer options.</param>
    /// <returns>The reader options.</returns>
    public static JsonReaderOptions ScanOptions(JsonSerializerOptions options) => new()
    {
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling,
        MaxDepth = ScanMaxDepth,
    };

    /// <summary>The most levels one item or object may nest: the serializer's limit (64 unless set).</summary>
    /// <param name="options">The serializer options.</param>
    /// <returns>The limit.</returns>
    public static int ItemLimit(JsonSerializerOptions options) => options.MaxDepth > 0 ? options.MaxDepth : 64;

    /// <summary>
    /// Reads over the value whose first token the reader is on and returns how many levels it nests (0 for a
    /// primitive, 1 for a flat object or array). The reader ends on the value's last token.
    /// </summary>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <returns>The levels.</returns>
    /// <exception cref="JsonException">The value is not valid JSON.</exception>
    public static int LevelsOfValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return 0;
        }

        var baseDepth = reader.CurrentDepth;
        var levels = 1;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    levels = Math.Max(levels, reader.CurrentDepth - baseDepth + 1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == baseDepth:
                    return levels;
            }
        }

        throw new JsonException("The JSON value ends before it is complete.");
    }

    /// <summary>How many levels a whole body nests; null when it is not one valid JSON value.</summary>
    /// <param name="json">The body.</param>
    /// <param name="options">The serializer options.</param>
    /// <returns>The levels, or null.</returns>
    public static int? LevelsOf(ReadOnlySpan<byte> json, JsonSerializerOptions options)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, ScanOptions(options));
        try
        {
            return reader.Read() ? LevelsOfValue(ref reader) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
