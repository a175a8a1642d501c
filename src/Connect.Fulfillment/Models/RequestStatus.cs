using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The status of a fulfillment or tier configuration request. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<RequestStatus>))]
public readonly record struct RequestStatus(string Value) : IStringValue<RequestStatus>
{
    /// <summary>Created but not yet submitted (dynamic validation).</summary>
    public static RequestStatus Draft { get; } = new("draft");

    /// <summary>Waiting for tier configuration requests.</summary>
    public static RequestStatus TiersSetup { get; } = new("tiers_setup");

    /// <summary>Waiting for the vendor to act.</summary>
    public static RequestStatus Pending { get; } = new("pending");

    /// <summary>Waiting for the customer to correct parameters.</summary>
    public static RequestStatus Inquiring { get; } = new("inquiring");

    /// <summary>Approved; terminal.</summary>
    public static RequestStatus Approved { get; } = new("approved");

    /// <summary>Failed; terminal.</summary>
    public static RequestStatus Failed { get; } = new("failed");

    /// <summary>Scheduled for a planned date.</summary>
    public static RequestStatus Scheduled { get; } = new("scheduled");

    /// <summary>Revocation requested by the distributor.</summary>
    public static RequestStatus Revoking { get; } = new("revoking");

    /// <summary>Revoked.</summary>
    public static RequestStatus Revoked { get; } = new("revoked");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static RequestStatus From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator RequestStatus(string value) => new(value);
}
