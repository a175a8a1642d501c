using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The type of a product parameter. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<ParameterType>))]
public readonly record struct ParameterType(string Value) : IStringValue<ParameterType>
{
    /// <summary>Free text.</summary>
    public static ParameterType Text { get; } = new("text");

    /// <summary>One value from a list.</summary>
    public static ParameterType Dropdown { get; } = new("dropdown");

    /// <summary>A secret; never logged.</summary>
    public static ParameterType Password { get; } = new("password");

    /// <summary>An e-mail address.</summary>
    public static ParameterType Email { get; } = new("email");

    /// <summary>Several boolean choices (structured value).</summary>
    public static ParameterType Checkbox { get; } = new("checkbox");

    /// <summary>A subdomain.</summary>
    public static ParameterType Subdomain { get; } = new("subdomain");

    /// <summary>A domain.</summary>
    public static ParameterType Domain { get; } = new("domain");

    /// <summary>A postal address (structured value).</summary>
    public static ParameterType Address { get; } = new("address");

    /// <summary>A phone number (structured value).</summary>
    public static ParameterType Phone { get; } = new("phone");

    /// <summary>A JSON object.</summary>
    public static ParameterType Object { get; } = new("object");

    /// <summary>A URL.</summary>
    public static ParameterType Url { get; } = new("url");

    /// <summary>One value from radio choices.</summary>
    public static ParameterType Choice { get; } = new("choice");

    /// <summary>A heading (no value).</summary>
    public static ParameterType Heading { get; } = new("heading");

    /// <summary>Static content (no value).</summary>
    public static ParameterType Content { get; } = new("content");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static ParameterType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator ParameterType(string value) => new(value);
}
