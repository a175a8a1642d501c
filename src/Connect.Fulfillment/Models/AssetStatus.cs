using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The status of an asset (subscription). Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<AssetStatus>))]
public readonly record struct AssetStatus(string Value) : IStringValue<AssetStatus>
{
    /// <summary>Draft.</summary>
    public static AssetStatus Draft { get; } = new("draft");

    /// <summary>Being provisioned.</summary>
    public static AssetStatus Processing { get; } = new("processing");

    /// <summary>Active.</summary>
    public static AssetStatus Active { get; } = new("active");

    /// <summary>Being cancelled.</summary>
    public static AssetStatus Terminating { get; } = new("terminating");

    /// <summary>Suspended.</summary>
    public static AssetStatus Suspended { get; } = new("suspended");

    /// <summary>Terminated.</summary>
    public static AssetStatus Terminated { get; } = new("terminated");

    /// <summary>Rejected (older Connect versions).</summary>
    public static AssetStatus Rejected { get; } = new("rejected");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static AssetStatus From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator AssetStatus(string value) => new(value);
}
