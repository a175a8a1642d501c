using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

// Listing: limit/offset pages, Content-Range totals, and the guards that keep a misbehaving server from being listed
// forever.
public sealed partial class ConnectClient
{
    /// <summary>How many pages without <c>Content-Range</c> one listing reads at most (a million items at 100 a page).</summary>
    internal const int DefaultMaxPagesWithoutTotal = 10_000;

    // The SHA-256 of the body of each page read without Content-Range, so that IsRepeatedPage can tell two pages apart
    // even when none of their items could be read. Keyed weakly by the page: nothing is kept once the page is gone.
    private static readonly ConditionalWeakTable<object, byte[]> PageBodyHashes = [];

    /// <summary>The most pages without <c>Content-Range</c> one listing reads before it fails; settable for tests.</summary>
    internal int MaxPagesWithoutTotal { get; set; } = DefaultMaxPagesWithoutTotal;

    /// <summary>
    /// Whether a page without <c>Content-Range</c>, read at a later offset, holds exactly the items of the previous
    /// page: a server that ignores <c>offset</c> would otherwise be listed forever. Items are compared by their raw
    /// identity, unreadable ones included: the same ids at the same positions, or a byte-identical body.
    /// </summary>
    internal static bool IsRepeatedPage<T>(ConnectPage<T> previous, ConnectPage<T> page)
    {
        if (page.Total is not null || page.Offset == previous.Offset || page.Count == 0 || page.Count != previous.Count)
        {
            return false;
        }

        if (PageBodyHashes.TryGetValue(page, out var hash) && PageBodyHashes.TryGetValue(previous, out var previousHash)
            && hash.AsSpan().SequenceEqual(previousHash))
        {
            return true;
        }

        var ids = IdsByPosition(page);
        var previousIds = IdsByPosition(previous);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not { Length: > 0 } id || !string.Equals(id, previousIds[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The error raised when a listing repeats itself (see <see cref="IsRepeatedPage"/>).</summary>
    internal static ConnectApiException RepeatedPage(string path, int previousOffset, int offset)
    {
        var details = new ConnectErrorDetails { StatusCode = 200, Method = HttpMethod.Get.Method, Path = path };
        return new ConnectApiException(
            details,
            $"Connect GET {path} answered the page at offset {offset} with the same items as at offset {previousOffset} and sent no Content-Range: "
            + "the server ignores offset, so the listing was stopped instead of repeating forever.");
    }

    internal static int? ParseContentRangeTotal(HttpResponseMessage response)
    {
        if (!response.Content.Headers.NonValidated.TryGetValues("Content-Range", out var values)
            && !response.Headers.NonValidated.TryGetValues("Content-Range", out values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var slash = value.LastIndexOf('/');
            if (slash >= 0 && int.TryParse(value.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
        }

        return null;
    }

    /// <summary>The id of every item of a page in page order, read or not; null where an item has no readable id.</summary>
    private static string?[] IdsByPosition<T>(ConnectPage<T> page)
    {
        var ids = new string?[page.Count];
        var taken = new bool[page.Count];
        foreach (var unreadable in page.UnreadableItems)
        {
            var index = unreadable.Position - page.Offset;
            if (index >= 0 && index < ids.Length)
            {
                ids[index] = unreadable.Id;
                taken[index] = true;
            }
        }

        var next = 0;
        foreach (var item in page.Items)
        {
            while (next < taken.Length && taken[next])
            {
                next++;
            }

            if (next < ids.Length)
            {
                ids[next++] = IdOf(item);
            }
        }

        return ids;
    }

    private static string? IdOf<T>(T item) => item switch
    {
        FulfillmentRequest request => request.Id,
        TierConfigRequest request => request.Id,
        ProductTemplate template => template.Id,
        Conversation conversation => conversation.Id,
        _ => null,
    };

    private static string PageQuery(RqlFilter? filter, int limit, int offset)
    {
        var paging = string.Create(CultureInfo.InvariantCulture, $"limit={limit}&offset={offset}");
        return filter is null ? paging : filter.ToQueryString() + "&" + paging;
    }

    private async IAsyncEnumerable<T> ListAsync<T>(string path, RqlFilter? filter, JsonTypeInfo<List<T>> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        var pagesWithoutTotal = 0;
        ConnectPage<T>? previous = null;
        while (true)
        {
            var page = await GetPageAsync(path, filter, offset, null, typeInfo, cancellationToken).ConfigureAwait(false);
            if (previous is not null && IsRepeatedPage(previous, page))
            {
                throw RepeatedPage(path, previous.Offset, page.Offset);
            }

            if (page.Total is null && ++pagesWithoutTotal > MaxPagesWithoutTotal)
            {
                // A server that ignores offset and changes every page slightly would pass the repeated-page guard.
                var details = new ConnectErrorDetails { StatusCode = 200, Method = HttpMethod.Get.Method, Path = path };
                throw new ConnectApiException(
                    details,
                    $"Connect GET {path} sent more than {MaxPagesWithoutTotal} pages without Content-Range; the listing was stopped at offset {page.Offset}.");
            }

            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasMore)
            {
                yield break;
            }

            offset += page.Count;
            previous = page;
        }
    }

    private async Task<ConnectPage<T>> GetPageAsync<T>(string path, RqlFilter? filter, int offset, int? limit, JsonTypeInfo<List<T>> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var size = limit ?? options.PageSize;
        ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(limit));
        var query = PageQuery(filter, size, offset);
        using var response = await sender.SendCoreAsync(HttpMethod.Get, path, query, null, cancellationToken).ConfigureAwait(false);
        var total = ParseContentRangeTotal(response);
        var itemType = (JsonTypeInfo<T>)typeInfo.Options.GetTypeInfo(typeof(T));
        var unreadable = new List<UnreadableItem>();
        byte[]? bodyHash = null;
        var items = await sender.ReadBodyAsync(
            response,
            HttpMethod.Get,
            path,
            typeof(List<T>).Name,
            async (stream, token) =>
            {
                // The buffering handler under each attempt already holds the body: read it in place. Any other content
                // (only if a caller's handler replaced it) is copied from its stream first.
                if (response.Content is BufferedContent buffered)
                {
                    bodyHash = total is null ? SHA256.HashData(buffered.Body.Span) : null;
                    return PageReader.ReadItems(buffered.Body.Span, itemType, offset, unreadable);
                }

                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, token).ConfigureAwait(false);
                var body = copy.GetBuffer().AsSpan(0, (int)copy.Length);
                bodyHash = total is null ? SHA256.HashData(body) : null;
                return PageReader.ReadItems(body, itemType, offset, unreadable);
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var item in unreadable)
        {
            // One item of the wrong shape is reported on its own instead of failing the whole page.
            ConnectClientLog.UnreadableItem(sender.Logger, path, item.Position, item.Id, item.Error);
        }

        var page = new ConnectPage<T>(items, offset, total, unreadable);
        if (bodyHash is not null)
        {
            PageBodyHashes.AddOrUpdate(page, bodyHash);
        }

        return page;
    }

    private async Task<int> CountAsync<T>(string path, RqlFilter? filter, JsonTypeInfo<List<T>> typeInfo, CancellationToken cancellationToken)
    {
        var page = await GetPageAsync(path, filter, 0, 0, typeInfo, cancellationToken).ConfigureAwait(false);
        if (page.Total is { } total)
        {
            return total;
        }

        // No Content-Range: count by reading every page.
        var count = 0;
        await foreach (var unused in ListAsync(path, filter, typeInfo, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
