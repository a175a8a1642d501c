using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Serialization.Internal;

/// <summary>
/// Reads one page of a Connect list in a single pass over its bytes. Each item is read straight into its model; an
/// item of the wrong shape, or nested deeper than the serializer's limit, is stepped over and reported on its own, so
/// it does not cost the rest of the page. Only a body that is not a JSON array, or not valid JSON at all, fails the page.
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
        var itemLimit = JsonDepth.ItemLimit(serializerOptions);

        // The page is scanned far deeper than an item may nest, so that a too-deep item is a fault of that item
        // instead of a reader error that would end the page.
        var reader = new Utf8JsonReader(json, JsonDepth.ScanOptions(serializerOptions));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A list page must be a JSON array; it starts with {(reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString())}.");
        }

        var items = new List<T>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var first = checked((int)reader.TokenStartIndex);

            // A copy walks over the item first: it finds where the item ends (a syntax error there fails the page) and
            // how deep it nests, before the serializer is given the item.
            var end = reader;
            var levels = JsonDepth.LevelsOfValue(ref end);
            string? error = null;
            if (levels > itemLimit)
            {
                error = $"not a valid {typeof(T).Name}: nested {levels} levels deep, more than the {itemLimit} allowed.";
            }
            else
            {
                try
                {
                    var item = JsonSerializer.Deserialize(ref reader, itemType) ?? throw new JsonException("The item is null.");
                    items.Add(item);
                }
                catch (JsonException ex)
                {
                    error = JsonErrors.Describe(ex, $"not a valid {typeof(T).Name}: ");
                }
            }

            if (error is not null)
            {
                reader = end;
                unreadable.Add(new UnreadableItem(offset + index, IdOf(json[first..checked((int)end.BytesConsumed)], serializerOptions), error));
            }

            index++;
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("A list page must be one JSON array with nothing after it.");
        }

        return items;
    }

    /// <summary>The top-level string <c>id</c> of an item, however deep its other members nest; null when there is none.</summary>
    private static string? IdOf(ReadOnlySpan<byte> item, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(item, JsonDepth.ScanOptions(options));
        try
        {
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
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // An id that cannot be decoded is no id.
        }

        return null;
    }
}
