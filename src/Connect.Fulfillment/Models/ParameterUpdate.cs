using System.Text.Json;

namespace Connect.Fulfillment.Models;

/// <summary>
/// A change to one parameter of a request. Only <see cref="Value"/>, <see cref="ValueError"/> and
/// <see cref="StructuredValue"/> can be written; properties left null are not sent and keep their current value.
/// </summary>
public sealed record ParameterUpdate
{
    /// <summary>Creates an update of the parameter with the given id.</summary>
    /// <param name="id">The parameter id.</param>
    public ParameterUpdate(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The parameter id.</summary>
    public string Id { get; }

    /// <summary>The new value, or null to leave it unchanged.</summary>
    public string? Value { get; init; }

    /// <summary>The new error text (empty clears it), or null to leave it unchanged.</summary>
    public string? ValueError { get; init; }

    /// <summary>The new structured value, or null to leave it unchanged.</summary>
    public JsonElement? StructuredValue { get; init; }

    /// <summary>Sets a value and clears any error.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithValue(string id, string value) => new(id) { Value = value, ValueError = string.Empty };

    /// <summary>Marks the parameter invalid, as needed before an inquiry.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="error">The error text shown to the customer.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithError(string id, string error) => new(id) { ValueError = error };
}
