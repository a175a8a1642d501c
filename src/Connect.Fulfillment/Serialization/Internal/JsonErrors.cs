using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Rewrites a serializer error so that its message ends with the JSON path at fault (<c>Path: $.asset.params[1].value_choices.</c>)
/// and nothing else: the serializer's own message also carries line and byte positions, which say nothing in a body
/// read from the network. The message never carries a value.
/// </summary>
internal static class JsonErrors
{
    private const string PathMarker = " Path: ";

    /// <summary>The error with its path at the end of the message.</summary>
    /// <param name="error">The serializer's error.</param>
    /// <param name="prefix">Text put before the reason, such as the position of a list item read on its own.</param>
    /// <returns>A plain <see cref="JsonException"/> with the same path, line and position.</returns>
    public static JsonException WithPath(JsonException error, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new JsonException(Describe(error, prefix), error.Path, error.LineNumber, error.BytePositionInLine, error);
    }

    /// <summary>The message of <see cref="WithPath"/>.</summary>
    /// <param name="error">The serializer's error.</param>
    /// <param name="prefix">Text put before the reason.</param>
    /// <returns>The reason followed by the path.</returns>
    public static string Describe(JsonException error, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        var marker = message.IndexOf(PathMarker, StringComparison.Ordinal);
        var reason = marker >= 0 ? message[..marker] : message;
        var path = error.Path is { Length: > 0 } p ? $"{PathMarker}{p}." : string.Empty;
        return prefix + reason + path;
    }
}
