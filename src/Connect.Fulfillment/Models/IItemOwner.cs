namespace Connect.Fulfillment.Models;

/// <summary>
/// A Connect object that carries items: a fulfillment request (its asset's) or an asset.
/// <see cref="ItemLookupExtensions"/> gives both the same lookups.
/// </summary>
public interface IItemOwner
{
    /// <summary>The object's id, named in the message when an item is missing.</summary>
    string? Id { get; }

    /// <summary>The items (a fulfillment request's are <c>asset.items</c>).</summary>
    IReadOnlyList<Item> Items { get; }
}
