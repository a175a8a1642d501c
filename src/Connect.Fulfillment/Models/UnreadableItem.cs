namespace Connect.Fulfillment.Models;

/// <summary>
/// An item of a Connect list that could not be read as its model (for example an object where a list was expected):
/// the rest of the page is still read, and this item is reported rather than failing the whole page.
/// </summary>
/// <param name="Position">The zero-based position of the item in the whole list (the page offset plus its index).</param>
/// <param name="Id">The item's <c>id</c>, when it could be read.</param>
/// <param name="Error">Why the item could not be read (the JSON path at fault; never the item's values).</param>
public sealed record UnreadableItem(int Position, string? Id, string Error);
