using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Reads one page of a Connect list in a single pass over its bytes. Each item is read straight into its model; an
/// item of the wrong shape is skipped and reported on its own, so it does not cost the rest of the page. Only a body
/// that is not a JSON array, or not valid JSON at all, fails the page.
/// </summary>
internal static class PageReader
{
    /// <summary>Reads the items of a page.</summary>
    /// <param name="json">The page's body: a JSON array.</param>
    /// <param name="itemType">The metadata of the item model.</param>
    /// <param name="offset">The offset of the page, for the positions of unreadable items.</param>
    /// <param name="unreadable">Receives the items that could not be read.</param>
    /// <returns>The items that were read, in page order.</returns>
    /// <exception cref="JsonException">The body is not a JSON array or not valid JSON.</exception>
    public static List<T> ReadItems<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> itemType, int offset, List<UnreadableItem> unreadable)
    {
        var serializerOptions = itemType.Options;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            AllowTrailingCommas = serializerOptions.AllowTrailingCommas,
            CommentHandling = serializerOptions.ReadCommentHandling,
            MaxDepth = serializerOptions.MaxDepth,
        });

        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A list page must be a JSON array; it starts with {(reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString())}.");
        }

        var items = new List<T>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = reader;
            try
            {
                var item = JsonSerializer.Deserialize(ref reader, itemType) ?? throw new JsonException("The item is null.");
                items.Add(item);
            }
            catch (JsonException ex)
            {
                // Back to the item's first token and over the whole item; a syntax error here fails the page.
                reader = start;
                var first = checked((int)reader.TokenStartIndex);
                reader.Skip();
                var id = IdOf(json[first..checked((int)reader.BytesConsumed)]);
                unreadable.Add(new UnreadableItem(offset + index, id, JsonErrors.Describe(ex, $"not a valid {typeof(T).Name}: ")));
            }

            index++;
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("A list page must be one JSON array with nothing after it.");
        }

        return items;
    }

    private static string? IdOf(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }
}
