using System.Diagnostics.CodeAnalysis;

namespace Connect.Fulfillment.Models;

/// <summary>
/// Item lookups by id, MPN or global id, the same for a fulfillment request (<c>asset.items</c>) and an asset, and the
/// item deltas of a request. Comparisons are ordinal; when several items match, the first one wins. <c>Find…</c> forms
/// return null, <c>Get…</c> forms throw <see cref="KeyNotFoundException"/> naming the key and the owner id,
/// <c>TryGet…</c> forms return false.
/// </summary>
public static class ItemLookupExtensions
{
    /// <summary>Finds the first item whose id matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItem(this IItemOwner owner, string id) => Find(owner, id, static item => item.Id);

    /// <summary>Gets the first item whose id matches, if any.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItem(this IItemOwner owner, string id, [MaybeNullWhen(false)] out Item item)
    {
        item = owner.FindItem(id);
        return item is not null;
    }

    /// <summary>Gets the first item whose id matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that id.</exception>
    public static Item GetItem(this IItemOwner owner, string id)
        => owner.FindItem(id) ?? throw NotFound("id", id, owner);

    /// <summary>Finds the first item whose MPN matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByMpn(this IItemOwner owner, string mpn) => Find(owner, mpn, static item => item.Mpn);

    /// <summary>Gets the first item whose MPN matches, if any.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByMpn(this IItemOwner owner, string mpn, [MaybeNullWhen(false)] out Item item)
    {
        item = owner.FindItemByMpn(mpn);
        return item is not null;
    }

    /// <summary>Gets the first item whose MPN matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that MPN.</exception>
    public static Item GetItemByMpn(this IItemOwner owner, string mpn)
        => owner.FindItemByMpn(mpn) ?? throw NotFound("MPN", mpn, owner);

    /// <summary>Finds the first item whose global id matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="globalId">The global item id, for example <c>PRD-376-646-770-0001</c>.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByGlobalId(this IItemOwner owner, string globalId) => Find(owner, globalId, static item => item.GlobalId);

    /// <summary>Gets the first item whose global id matches, if any.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="globalId">The global item id.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByGlobalId(this IItemOwner owner, string globalId, [MaybeNullWhen(false)] out Item item)
    {
        item = owner.FindItemByGlobalId(globalId);
        return item is not null;
    }

    /// <summary>Gets the first item whose global id matches.</summary>
    /// <param name="owner">The request or asset.</param>
    /// <param name="globalId">The global item id.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that global id.</exception>
    public static Item GetItemByGlobalId(this IItemOwner owner, string globalId)
        => owner.FindItemByGlobalId(globalId) ?? throw NotFound("global id", globalId, owner);

    /// <summary>Computes the items added, changed and removed according to their old and new quantities (typically of a change request).</summary>
    /// <param name="owner">The request or asset.</param>
    /// <returns>The deltas; empty lists when there are no items.</returns>
    public static ItemChanges GetItemChanges(this IItemOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return ItemChanges.From(owner.Items ?? []);
    }

    private static Item? Find(IItemOwner owner, string key, Func<Item, string?> selector)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var item in owner.Items ?? [])
        {
            if (item is not null && string.Equals(selector(item), key, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    private static KeyNotFoundException NotFound(string keyKind, string key, IItemOwner owner)
    {
        var ownerKind = owner is Asset ? "asset" : "request";
        return new($"Item with {keyKind} '{key}' was not found on {ownerKind} {(string.IsNullOrEmpty(owner.Id) ? "(without id)" : owner.Id)}.");
    }
}
