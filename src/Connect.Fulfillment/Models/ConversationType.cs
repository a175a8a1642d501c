using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The type of a conversation. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<ConversationType>))]
public readonly record struct ConversationType(string Value) : IStringValue<ConversationType>
{
    /// <summary>A conversation with the customer (the default).</summary>
    public static ConversationType Conversation { get; } = new("conversation");

    /// <summary>Internal notes, not shown to the customer.</summary>
    public static ConversationType Notes { get; } = new("notes");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static ConversationType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator ConversationType(string value) => new(value);
}
