using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The phase in which a parameter is filled. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<ParameterPhase>))]
public readonly record struct ParameterPhase(string Value) : IStringValue<ParameterPhase>
{
    /// <summary>Filled by the customer when ordering.</summary>
    public static ParameterPhase Ordering { get; } = new("ordering");

    /// <summary>Filled by the vendor during fulfillment.</summary>
    public static ParameterPhase Fulfillment { get; } = new("fulfillment");

    /// <summary>Configured before any order.</summary>
    public static ParameterPhase Configuration { get; } = new("configuration");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static ParameterPhase From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator ParameterPhase(string value) => new(value);
}
