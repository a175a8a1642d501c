using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The type of a tier configuration request. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<TierConfigRequestType>))]
public readonly record struct TierConfigRequestType(string Value) : IStringValue<TierConfigRequestType>
{
    /// <summary>First configuration of a tier account.</summary>
    public static TierConfigRequestType Setup { get; } = new("setup");

    /// <summary>A change of tier parameters.</summary>
    public static TierConfigRequestType Update { get; } = new("update");

    /// <summary>An adjustment requested by the provider.</summary>
    public static TierConfigRequestType Adjustment { get; } = new("adjustment");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static TierConfigRequestType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator TierConfigRequestType(string value) => new(value);
}
