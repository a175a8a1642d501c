using System.Globalization;

namespace Connect.Fulfillment.Models;

/// <summary>An item (SKU) of an asset with its ordered quantity.</summary>
public sealed record Item
{
    /// <summary>The item id within the product.</summary>
    public string? Id { get; init; }

    /// <summary>The global item id, for example <c>PRD-376-646-770-0001</c>.</summary>
    public string? GlobalId { get; init; }

    /// <summary>The vendor's manufacturer part number.</summary>
    public string? Mpn { get; init; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The quantity as Connect sends it (a number in a string, or <c>unlimited</c>).</summary>
    public string? Quantity { get; init; }

    /// <summary>The quantity before this request (change requests).</summary>
    public string? OldQuantity { get; init; }

    /// <summary>The unit, for example <c>Users</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The billing period, for example <c>Monthly</c>.</summary>
    public string? Period { get; init; }

    /// <summary>The item type, for example <c>Reservation</c> or <c>PPU</c>.</summary>
    public string? ItemType { get; init; }

    /// <summary>The quantity as a number; 0 when missing, empty or not numeric (for example <c>unlimited</c>).</summary>
    public decimal QuantityValue => ParseQuantity(Quantity);

    /// <summary>The previous quantity as a number; 0 when missing, empty or not numeric.</summary>
    public decimal OldQuantityValue => ParseQuantity(OldQuantity);

    private static decimal ParseQuantity(string? text)
        => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
