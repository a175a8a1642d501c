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
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        Offset = offset;
        Total = total;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The zero-based offset of the first item.</summary>
    public int Offset { get; }

    /// <summary>The total number of matching items, or null when Connect sent no <c>Content-Range</c>.</summary>
    public int? Total { get; }

    /// <summary>Whether more items follow this page, judged from the total (a short page is not the end).</summary>
    public bool HasMore => Items.Count > 0 && (Total is not { } total || Offset + Items.Count < total);
}
