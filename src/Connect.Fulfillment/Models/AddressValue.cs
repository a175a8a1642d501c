using System.Text.Json;

namespace Connect.Fulfillment.Models;

/// <summary>
/// The structured value of an <c>address</c> parameter:
/// <c>{"address_line1", "address_line2", "city", "state", "postal_code", "country"}</c>.
/// </summary>
public sealed record AddressValue
{
    /// <summary>The first address line (<c>address_line1</c>).</summary>
    public string? AddressLine1 { get; init; }

    /// <summary>The second address line (<c>address_line2</c>).</summary>
    public string? AddressLine2 { get; init; }

    /// <summary>The city (<c>city</c>).</summary>
    public string? City { get; init; }

    /// <summary>The state or region (<c>state</c>).</summary>
    public string? State { get; init; }

    /// <summary>The postal code (<c>postal_code</c>); a JSON number is read as its text.</summary>
    public string? PostalCode { get; init; }

    /// <summary>The country (<c>country</c>), as Connect sends it.</summary>
    public string? Country { get; init; }

    /// <summary>Reads an address from a structured value. Missing fields are null; unknown fields are ignored.</summary>
    /// <param name="element">The structured value; must be a JSON object.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException">The element is not a JSON object.</exception>
    public static AddressValue FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"An address structured value must be a JSON object, not {element.ValueKind}.", nameof(element));
        }

        return new AddressValue
        {
            AddressLine1 = StructuredJson.ReadString(element, "address_line1"),
            AddressLine2 = StructuredJson.ReadString(element, "address_line2"),
            City = StructuredJson.ReadString(element, "city"),
            State = StructuredJson.ReadString(element, "state"),
            PostalCode = StructuredJson.ReadString(element, "postal_code"),
            Country = StructuredJson.ReadString(element, "country"),
        };
    }

    /// <summary>Writes the address as a structured value with Connect's field names; null fields are omitted.</summary>
    /// <returns>A JSON object.</returns>
    public JsonElement ToJson() => StructuredJson.WriteObject(
        ("address_line1", AddressLine1),
        ("address_line2", AddressLine2),
        ("city", City),
        ("state", State),
        ("postal_code", PostalCode),
        ("country", Country));
}
