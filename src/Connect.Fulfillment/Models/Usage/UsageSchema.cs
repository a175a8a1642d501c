using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>
/// The usage schema of a pay-as-you-go product or usage file: <c>QT</c>, <c>TR</c>, <c>CR</c> or <c>PR</c>. Connect
/// writes it in capitals on products (<c>capabilities.ppu.schema</c>) and in lower case on usage files, so values
/// compare without regard to case. Unknown values are kept as they are, never rejected.
/// </summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<UsageSchema>))]
public readonly record struct UsageSchema(string Value) : IStringValue<UsageSchema>
{
    /// <summary>Quantity: the provider rates each record's quantity with the item's price.</summary>
    public static UsageSchema Quantity { get; } = new("QT");

    /// <summary>Tiered rating: each record carries the tier whose price applies.</summary>
    public static UsageSchema Tiered { get; } = new("TR");

    /// <summary>Cost rating: each record carries the vendor's cost.</summary>
    public static UsageSchema Cost { get; } = new("CR");

    /// <summary>Price rating: each record carries the price.</summary>
    public static UsageSchema Price { get; } = new("PR");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static UsageSchema From(string value) => new(value);

    /// <summary>Whether two schemas are the same, ignoring case.</summary>
    /// <param name="other">The other schema.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(UsageSchema other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator UsageSchema(string value) => new(value);
}
