using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The scope of a product template. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<TemplateScope>))]
public readonly record struct TemplateScope(string Value) : IStringValue<TemplateScope>
{
    /// <summary>Subscription templates.</summary>
    public static TemplateScope Asset { get; } = new("asset");

    /// <summary>Tier 1 templates.</summary>
    public static TemplateScope Tier1 { get; } = new("tier1");

    /// <summary>Tier 2 templates.</summary>
    public static TemplateScope Tier2 { get; } = new("tier2");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static TemplateScope From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator TemplateScope(string value) => new(value);
}
