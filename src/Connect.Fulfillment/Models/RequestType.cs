using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The type of a fulfillment request (<c>purchase</c>, <c>cancel</c>, …). Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<RequestType>))]
public readonly record struct RequestType(string Value) : IStringValue<RequestType>
{
    /// <summary>A new subscription.</summary>
    public static RequestType Purchase { get; } = new("purchase");

    /// <summary>A change of item quantities.</summary>
    public static RequestType Change { get; } = new("change");

    /// <summary>Suspension of a subscription.</summary>
    public static RequestType Suspend { get; } = new("suspend");

    /// <summary>Resumption of a suspended subscription.</summary>
    public static RequestType Resume { get; } = new("resume");

    /// <summary>Cancellation of a subscription.</summary>
    public static RequestType Cancel { get; } = new("cancel");

    /// <summary>An adjustment requested by the provider.</summary>
    public static RequestType Adjustment { get; } = new("adjustment");

    /// <summary>A renewal of a subscription.</summary>
    public static RequestType Renew { get; } = new("renew");

    /// <summary>A transfer of a subscription.</summary>
    public static RequestType Transfer { get; } = new("transfer");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static RequestType From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator RequestType(string value) => new(value);
}
