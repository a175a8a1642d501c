using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The environment of a connection: <c>preview</c>, <c>test</c> or <c>production</c>. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<ConnectionType>))]
public readonly record struct ConnectionType(string Value) : IStringValue<ConnectionType>
{
    /// <summary>The vendor's preview environment.</summary>
    public static ConnectionType Preview { get; } = new("preview");

    /// <summary>The test environment.</summary>
    public static ConnectionType Test { get; } = new("test");

    /// <summary>Production.</summary>
    public static ConnectionType Production { get; } = new("production");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static ConnectionType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator ConnectionType(string value) => new(value);
}
