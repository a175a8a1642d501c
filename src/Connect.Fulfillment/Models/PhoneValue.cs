using System.Text.Json;

namespace Connect.Fulfillment.Models;

/// <summary>
/// The structured value of a <c>phone</c> parameter: <c>{"country_code", "area_code", "phone_number", "extension"}</c>.
/// </summary>
public sealed record PhoneValue
{
    /// <summary>The country calling code (<c>country_code</c>), for example <c>+1</c>.</summary>
    public string? CountryCode { get; init; }

    /// <summary>The area code (<c>area_code</c>).</summary>
    public string? AreaCode { get; init; }

    /// <summary>The subscriber number (<c>phone_number</c>).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The extension (<c>extension</c>).</summary>
    public string? Extension { get; init; }

    /// <summary>Reads a phone number from a structured value. Missing fields are null; numbers are read as their text.</summary>
    /// <param name="element">The structured value; must be a JSON object.</param>
    /// <returns>The phone number.</returns>
    /// <exception cref="ArgumentException">The element is not a JSON object.</exception>
    public static PhoneValue FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A phone structured value must be a JSON object, not {element.ValueKind}.", nameof(element));
        }

        return new PhoneValue
        {
            CountryCode = StructuredJson.ReadString(element, "country_code"),
            AreaCode = StructuredJson.ReadString(element, "area_code"),
            PhoneNumber = StructuredJson.ReadString(element, "phone_number"),
            Extension = StructuredJson.ReadString(element, "extension"),
        };
    }

    /// <summary>Writes the phone number as a structured value with Connect's field names; null fields are omitted.</summary>
    /// <returns>A JSON object.</returns>
    public JsonElement ToJson() => StructuredJson.WriteObject(
        ("country_code", CountryCode),
        ("area_code", AreaCode),
        ("phone_number", PhoneNumber),
        ("extension", Extension));
}
