using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connect.Fulfillment.Models;

/// <summary>
/// Builds <see cref="ParameterUpdate"/>s for structured values (address, phone, object). For text values use
/// <see cref="ParameterUpdate.WithValue"/>; to mark a parameter invalid before an inquiry use <see cref="ParameterUpdate.WithError"/>.
/// Every update built here also clears the parameter's error.
/// </summary>
public static class ParameterUpdates
{
    /// <summary>Sets a structured value and clears any error.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The structured value.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithStructuredValue(string id, JsonElement value)
        => new(id) { StructuredValue = value.Clone(), ValueError = string.Empty };

    /// <summary>Sets a structured value written with source-generated metadata (AOT-safe) and clears any error.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">The metadata, for example <c>MyJsonContext.Default.MyType</c>.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithStructuredValue<T>(string id, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return WithStructuredValue(id, JsonSerializer.SerializeToElement(value, typeInfo));
    }

    /// <summary>Sets the structured value of an address parameter and clears any error.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="address">The address.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithAddress(string id, AddressValue address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return WithStructuredValue(id, address.ToJson());
    }

    /// <summary>Sets the structured value of a phone parameter and clears any error.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="phone">The phone number.</param>
    /// <returns>The update.</returns>
    public static ParameterUpdate WithPhone(string id, PhoneValue phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return WithStructuredValue(id, phone.ToJson());
    }
}
