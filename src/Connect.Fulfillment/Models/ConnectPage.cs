namespace Connect.Fulfillment.Models;

/// <summary>One page of a Connect list, with the total reported by <c>Content-Range</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ConnectPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items of the page.</param>
    /// <param name="offset">The offset the page was requested at.</param>
    /// <param name="total">The total number of matching items, when Connect reported it.</param>
    public ConnectPage(IReadOnlyList<T> items, int offset, int? total)
        : this(items, offset, total, [])
    {
    }

    /// <summary>Creates a page, some of whose items could not be read.</summary>
    /// <param name="items">The items of the page that were read.</param>
    /// <param name="offset">The offset the page was requested at.</param>
    /// <param name="total">The total number of matching items, when Connect reported it.</param>
    /// <param name="unreadableItems">The items of the page that could not be read.</param>
    public ConnectPage(IReadOnlyList<T> items, int offset, int? total, IReadOnlyList<UnreadableItem> unreadableItems)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(unreadableItems);
        Items = items;
        Offset = offset;
        Total = total;
        UnreadableItems = unreadableItems;
    }

    /// <summary>The items of this page that were read.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The items of this page that Connect sent in a shape that could not be read; usually empty.</summary>
    public IReadOnlyList<UnreadableItem> UnreadableItems { get; }

    /// <summary>How many items Connect sent on this page, read or not: the offset of the next page is <see cref="Offset"/> plus this.</summary>
    public int Count => Items.Count + UnreadableItems.Count;

    /// <summary>The zero-based offset of the first item.</summary>
    public int Offset { get; }

    /// <summary>The total number of matching items, or null when Connect sent no <c>Content-Range</c>.</summary>
    public int? Total { get; }

    /// <summary>Whether more items follow this page, judged from the total (a short page is not the end).</summary>
    public bool HasMore => Count > 0 && (Total is not { } total || Offset + Count < total);
}
