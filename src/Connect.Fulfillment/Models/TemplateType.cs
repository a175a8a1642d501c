using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The type of a product template. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<TemplateType>))]
public readonly record struct TemplateType(string Value) : IStringValue<TemplateType>
{
    /// <summary>Activation template used when approving.</summary>
    public static TemplateType Fulfillment { get; } = new("fulfillment");

    /// <summary>Template shown when inquiring.</summary>
    public static TemplateType Inquire { get; } = new("inquire");

    /// <summary>Template shown while pending.</summary>
    public static TemplateType Pending { get; } = new("pending");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static TemplateType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator TemplateType(string value) => new(value);
}
