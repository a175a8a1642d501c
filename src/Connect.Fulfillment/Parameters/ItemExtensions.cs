using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Parameters;

/// <summary>
/// Item lookups by id, MPN or global id on a request's asset or an asset, and item deltas of a request. Comparisons
/// are ordinal; when several items match, the first one wins. <c>Get…</c> forms throw
/// <see cref="KeyNotFoundException"/> naming the key and the owner id, <c>TryGet…</c> forms return false and
/// <c>Find…</c> forms return null.
/// </summary>
public static class ItemExtensions
{
    /// <summary>Finds the first item whose id matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItem(this FulfillmentRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Find(request.Asset?.Items, id, static item => item.Id);
    }

    /// <summary>Gets the first item whose id matches, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The item id within the product.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItem(this FulfillmentRequest request, string id, [MaybeNullWhen(false)] out Item item)
    {
        item = request.FindItem(id);
        return item is not null;
    }

    /// <summary>Gets the first item whose id matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that id.</exception>
    public static Item GetItem(this FulfillmentRequest request, string id)
        => request.FindItem(id) ?? throw NotFound("id", id, "request", request.Id);

    /// <summary>Finds the first item whose MPN matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByMpn(this FulfillmentRequest request, string mpn)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Find(request.Asset?.Items, mpn, static item => item.Mpn);
    }

    /// <summary>Gets the first item whose MPN matches, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByMpn(this FulfillmentRequest request, string mpn, [MaybeNullWhen(false)] out Item item)
    {
        item = request.FindItemByMpn(mpn);
        return item is not null;
    }

    /// <summary>Gets the first item whose MPN matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that MPN.</exception>
    public static Item GetItemByMpn(this FulfillmentRequest request, string mpn)
        => request.FindItemByMpn(mpn) ?? throw NotFound("MPN", mpn, "request", request.Id);

    /// <summary>Finds the first item whose global id matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="globalId">The global item id.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByGlobalId(this FulfillmentRequest request, string globalId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Find(request.Asset?.Items, globalId, static item => item.GlobalId);
    }

    /// <summary>Gets the first item whose global id matches, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="globalId">The global item id.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByGlobalId(this FulfillmentRequest request, string globalId, [MaybeNullWhen(false)] out Item item)
    {
        item = request.FindItemByGlobalId(globalId);
        return item is not null;
    }

    /// <summary>Gets the first item whose global id matches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="globalId">The global item id.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that global id.</exception>
    public static Item GetItemByGlobalId(this FulfillmentRequest request, string globalId)
        => request.FindItemByGlobalId(globalId) ?? throw NotFound("global id", globalId, "request", request.Id);

    /// <summary>Finds the first item whose id matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItem(this Asset asset, string id)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Find(asset.Items, id, static item => item.Id);
    }

    /// <summary>Gets the first item whose id matches, if any.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItem(this Asset asset, string id, [MaybeNullWhen(false)] out Item item)
    {
        item = asset.FindItem(id);
        return item is not null;
    }

    /// <summary>Gets the first item whose id matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The item id within the product.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that id.</exception>
    public static Item GetItem(this Asset asset, string id)
        => asset.FindItem(id) ?? throw NotFound("id", id, "asset", asset.Id);

    /// <summary>Finds the first item whose MPN matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByMpn(this Asset asset, string mpn)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Find(asset.Items, mpn, static item => item.Mpn);
    }

    /// <summary>Gets the first item whose MPN matches, if any.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByMpn(this Asset asset, string mpn, [MaybeNullWhen(false)] out Item item)
    {
        item = asset.FindItemByMpn(mpn);
        return item is not null;
    }

    /// <summary>Gets the first item whose MPN matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="mpn">The vendor's manufacturer part number (MPN).</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that MPN.</exception>
    public static Item GetItemByMpn(this Asset asset, string mpn)
        => asset.FindItemByMpn(mpn) ?? throw NotFound("MPN", mpn, "asset", asset.Id);

    /// <summary>Finds the first item whose global id matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="globalId">The global item id.</param>
    /// <returns>The item, or null.</returns>
    public static Item? FindItemByGlobalId(this Asset asset, string globalId)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Find(asset.Items, globalId, static item => item.GlobalId);
    }

    /// <summary>Gets the first item whose global id matches, if any.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="globalId">The global item id.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetItemByGlobalId(this Asset asset, string globalId, [MaybeNullWhen(false)] out Item item)
    {
        item = asset.FindItemByGlobalId(globalId);
        return item is not null;
    }

    /// <summary>Gets the first item whose global id matches.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="globalId">The global item id.</param>
    /// <returns>The item.</returns>
    /// <exception cref="KeyNotFoundException">No item has that global id.</exception>
    public static Item GetItemByGlobalId(this Asset asset, string globalId)
        => asset.FindItemByGlobalId(globalId) ?? throw NotFound("global id", globalId, "asset", asset.Id);

    /// <summary>Computes the items added, changed and removed by a request (typically a change request).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The deltas; empty lists when the request has no asset or items.</returns>
    public static ItemChanges GetItemChanges(this FulfillmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ItemChanges.From(request.Asset?.Items ?? []);
    }

    /// <summary>Computes the items added, changed and removed according to the asset's old and new quantities.</summary>
    /// <param name="asset">The asset.</param>
    /// <returns>The deltas.</returns>
    public static ItemChanges GetItemChanges(this Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return ItemChanges.From(asset.Items);
    }

    private static Item? Find(IReadOnlyList<Item>? items, string key, Func<Item, string?> selector)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var item in items ?? [])
        {
            if (item is not null && string.Equals(selector(item), key, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    private static KeyNotFoundException NotFound(string keyKind, string key, string ownerKind, string? ownerId)
        => new($"Item with {keyKind} '{key}' was not found on {ownerKind} {(string.IsNullOrEmpty(ownerId) ? "(without id)" : ownerId)}.");
}
