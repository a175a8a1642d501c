namespace Connect.Fulfillment.Models;

/// <summary>
/// The item deltas of a request, computed from <see cref="Item.QuantityValue"/> and <see cref="Item.OldQuantityValue"/>:
/// added when the quantity is above 0 and the old quantity is 0, changed when both are above 0 and differ,
/// removed when the quantity is 0 and the old quantity is above 0. Items whose quantities are equal are in no list.
/// Non-numeric quantities (for example <c>unlimited</c>) count as 0, as <see cref="Item.QuantityValue"/> reads them.
/// </summary>
public sealed record ItemChanges
{
    /// <summary>Items newly ordered (quantity &gt; 0, old quantity 0).</summary>
    public IReadOnlyList<Item> Added { get; init; } = [];

    /// <summary>Items whose quantity changed (both &gt; 0 and different).</summary>
    public IReadOnlyList<Item> Changed { get; init; } = [];

    /// <summary>Items removed (quantity 0, old quantity &gt; 0).</summary>
    public IReadOnlyList<Item> Removed { get; init; } = [];

    /// <summary>Whether any item was added, changed or removed.</summary>
    public bool HasChanges => Added.Count > 0 || Changed.Count > 0 || Removed.Count > 0;

    /// <summary>Classifies the items.</summary>
    /// <param name="items">The items, in request order.</param>
    /// <returns>The deltas, each list in request order.</returns>
    public static ItemChanges From(IEnumerable<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        List<Item> added = [], changed = [], removed = [];
        foreach (var item in items)
        {
            if (item is null)
            {
                continue;
            }

            var quantity = item.QuantityValue;
            var old = item.OldQuantityValue;
            if (quantity > 0 && old == 0)
            {
                added.Add(item);
            }
            else if (quantity > 0 && old > 0 && quantity != old)
            {
                changed.Add(item);
            }
            else if (quantity == 0 && old > 0)
            {
                removed.Add(item);
            }
        }

        return new ItemChanges { Added = added, Changed = changed, Removed = removed };
    }
}
