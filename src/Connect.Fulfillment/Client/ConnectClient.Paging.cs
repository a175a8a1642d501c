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
    /// <summary>The most items one listing is expected to hold; the page bound of a listing is derived from it.</summary>
    internal const int MaxItemsPerListing = 1_000_000;

    /// <summary>The fewest pages a listing may read before it fails, whatever the page size: a server may send shorter pages than asked.</summary>
    internal const int MinPagesPerListing = 10_000;

    // The SHA-256 of the body of each page, so that IsRepeatedPage can tell two pages apart even when none of their
    // items could be read. Keyed weakly by the page: nothing is kept once the page is gone.
    private static readonly ConditionalWeakTable<object, byte[]> PageBodyHashes = [];

    /// <summary>Overrides <see cref="MaxPagesPerListing"/>; for tests.</summary>
    internal int? MaxPagesPerListingOverride { get; set; }

    /// <summary>
    /// The most pages one listing reads before it fails: <see cref="MaxItemsPerListing"/> at the configured page size, and
    /// never fewer than <see cref="MinPagesPerListing"/> (10,000 pages, a million items at the default 100 a page). A
    /// server that ignores <c>offset</c> yet changes every page (or claims an endless total) would pass the
    /// repeated-page guard; this bound ends such a listing too.
    /// </summary>
    internal int MaxPagesPerListing => MaxPagesPerListingOverride ?? PagesFor(options.PageSize);

    /// <summary>The page bound of a listing at <paramref name="pageSize"/> items a page (see <see cref="MaxPagesPerListing"/>).</summary>
    /// <param name="pageSize">The page size asked for.</param>
    /// <returns>The most pages one listing reads.</returns>
    internal static int PagesFor(int pageSize)
        => Math.Max(MinPagesPerListing, (MaxItemsPerListing + Math.Max(pageSize, 1) - 1) / Math.Max(pageSize, 1));

    /// <summary>
    /// Whether a page read at a later offset holds exactly the items of the previous page, with or without a
    /// <c>Content-Range</c> total: a server that ignores <c>offset</c> would otherwise be listed forever (or, with a
    /// large total, until the total is reached). Items are compared by their raw identity, unreadable ones included:
    /// the same ids at the same positions, or a byte-identical body.
    /// </summary>
    internal static bool IsRepeatedPage<T>(ConnectPage<T> previous, ConnectPage<T> page)
    {
        if (page.Offset == previous.Offset || page.Count == 0 || page.Count != previous.Count)
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
            $"Connect GET {path} answered the page at offset {offset} with the same items as at offset {previousOffset}: "
            + "the server ignores offset, so the listing was stopped instead of repeating forever.");
    }

    /// <summary>The error raised when a listing reads more than <paramref name="maxPages"/> pages.</summary>
    internal static ConnectApiException TooManyPages(string path, int maxPages, int offset, bool sawTotal)
    {
        var details = new ConnectErrorDetails { StatusCode = 200, Method = HttpMethod.Get.Method, Path = path };
        return new ConnectApiException(
            details,
            $"Connect GET {path} sent more than {maxPages} pages{(sawTotal ? string.Empty : " without Content-Range")}; the listing was stopped at offset {offset}: "
            + "a real listing is far shorter, so the server is taken to ignore offset.");
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
        var pages = 0;
        var sawTotal = false;
        var maxPages = MaxPagesPerListing;
        ConnectPage<T>? previous = null;
        while (true)
        {
            var page = await GetPageAsync(path, filter, offset, null, typeInfo, cancellationToken).ConfigureAwait(false);
            if (previous is not null && IsRepeatedPage(previous, page))
            {
                throw RepeatedPage(path, previous.Offset, page.Offset);
            }

            sawTotal |= page.Total is not null;
            if (++pages > maxPages)
            {
                throw TooManyPages(path, maxPages, page.Offset, sawTotal);
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
                    bodyHash = SHA256.HashData(buffered.Body.Span);
                    return PageReader.ReadItems(buffered.Body.Span, itemType, offset, unreadable);
                }

                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, token).ConfigureAwait(false);
                var body = copy.GetBuffer().AsSpan(0, (int)copy.Length);
                bodyHash = SHA256.HashData(body);
                return PageReader.ReadItems(body, itemType, offset, unreadable);
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var item in unreadable)
        {
            // One item of the wrong shape is reported on its own instead of failing the whole page.
            ConnectClientLog.UnreadableItem(sender.Logger, path, item.Position, item.Id is null ? null : sender.Secrets.Clean(item.Id), sender.Secrets.Clean(item.Error));
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
