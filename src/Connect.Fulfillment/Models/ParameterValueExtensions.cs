using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connect.Fulfillment.Models;

/// <summary>
/// Typed reads of a parameter's value: text, checked checkbox choices, the selected choice of a choice or dropdown
/// parameter, and structured values (raw <see cref="JsonElement"/>, typed through a source-generated
/// <see cref="JsonTypeInfo{T}"/>, address and phone). Exceptions name the parameter id, never its value.
/// </summary>
public static class ParameterValueExtensions
{
    /// <summary>Gets the text value; an empty string when the parameter has no value.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The value, never null.</returns>
    public static string GetTextValue(this Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Value ?? string.Empty;
    }

    /// <summary>
    /// Gets the checked choices of a checkbox parameter: the names of the structured value's properties that are
    /// <c>true</c> (for example <c>{"1": true, "5": false}</c> gives <c>{"1"}</c>). Empty when there is no structured value.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The checked choice values (ordinal comparison).</returns>
    /// <exception cref="InvalidOperationException">The structured value is not a JSON object.</exception>
    public static IReadOnlySet<string> GetCheckedChoices(this Parameter parameter)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!parameter.TryGetStructuredValue(out var structured))
        {
            return result;
        }

        EnsureObject(parameter, structured);
        foreach (var property in structured.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.True
                || (property.Value.ValueKind == JsonValueKind.String && string.Equals(property.Value.GetString(), "true", StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(property.Name);
            }
        }

        return result;
    }

    /// <summary>
    /// Gets the selected choice of a choice or dropdown parameter: the entry of <see cref="Parameter.ValueChoices"/>
    /// (or of the constraints' choices) whose value equals the parameter value, or a choice holding only the value
    /// when it is not listed.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="choice">The selected choice when the parameter has a non-empty value.</param>
    /// <returns>True when the parameter has a non-empty value.</returns>
    public static bool TryGetSelectedChoice(this Parameter parameter, [MaybeNullWhen(false)] out ParameterChoice choice)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var value = parameter.Value;
        if (string.IsNullOrEmpty(value))
        {
            choice = null;
            return false;
        }

        choice = Find(parameter.ValueChoices, value)
            ?? Find(parameter.Constraints?.Choices ?? [], value)
            ?? new ParameterChoice { Value = value };
        return true;

        static ParameterChoice? Find(IReadOnlyList<ParameterChoice> choices, string value)
            => choices.FirstOrDefault(c => c is not null && string.Equals(c.Value, value, StringComparison.Ordinal));
    }

    /// <summary>Gets the structured value when there is one (not missing and not JSON <c>null</c>).</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="value">The structured value when present.</param>
    /// <returns>True when present.</returns>
    public static bool TryGetStructuredValue(this Parameter parameter, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.StructuredValue is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } element)
        {
            value = element;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets the structured value.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The structured value.</returns>
    /// <exception cref="InvalidOperationException">The parameter has no structured value.</exception>
    public static JsonElement GetStructuredValue(this Parameter parameter)
        => parameter.TryGetStructuredValue(out var value) ? value : throw NoStructuredValue(parameter);

    /// <summary>Reads the structured value as <typeparamref name="T"/> with source-generated metadata (AOT-safe).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="parameter">The parameter.</param>
    /// <param name="typeInfo">The metadata, for example <c>MyJsonContext.Default.MyType</c>.</param>
    /// <param name="value">The value when present.</param>
    /// <returns>True when the parameter has a structured value.</returns>
    /// <exception cref="InvalidOperationException">The structured value cannot be read as <typeparamref name="T"/>.</exception>
    public static bool TryGetStructuredValue<T>(this Parameter parameter, JsonTypeInfo<T> typeInfo, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!parameter.TryGetStructuredValue(out var element))
        {
            value = default;
            return false;
        }

        try
        {
            value = element.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The structured value of parameter '{parameter.Id}' could not be read as {typeof(T).Name}.", ex);
        }

        return value is not null;
    }

    /// <summary>Reads the structured value as <typeparamref name="T"/> with source-generated metadata (AOT-safe).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="parameter">The parameter.</param>
    /// <param name="typeInfo">The metadata, for example <c>MyJsonContext.Default.MyType</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The parameter has no structured value, or it cannot be read as <typeparamref name="T"/>.</exception>
    public static T GetStructuredValue<T>(this Parameter parameter, JsonTypeInfo<T> typeInfo)
        => parameter.TryGetStructuredValue(typeInfo, out var value) ? value : throw NoStructuredValue(parameter);

    /// <summary>Reads the structured value of an address parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="address">The address when present.</param>
    /// <returns>True when the parameter has a structured value.</returns>
    /// <exception cref="InvalidOperationException">The structured value is not a JSON object.</exception>
    public static bool TryGetAddress(this Parameter parameter, [MaybeNullWhen(false)] out AddressValue address)
    {
        address = parameter.TryGetStructuredValue(out var element) ? AddressValue.FromJson(EnsureObject(parameter, element)) : null;
        return address is not null;
    }

    /// <summary>Reads the structured value of an address parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The address.</returns>
    /// <exception cref="InvalidOperationException">The parameter has no structured value, or it is not a JSON object.</exception>
    public static AddressValue GetAddress(this Parameter parameter)
        => parameter.TryGetAddress(out var address) ? address : throw NoStructuredValue(parameter);

    /// <summary>Reads the structured value of a phone parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="phone">The phone number when present.</param>
    /// <returns>True when the parameter has a structured value.</returns>
    /// <exception cref="InvalidOperationException">The structured value is not a JSON object.</exception>
    public static bool TryGetPhone(this Parameter parameter, [MaybeNullWhen(false)] out PhoneValue phone)
    {
        phone = parameter.TryGetStructuredValue(out var element) ? PhoneValue.FromJson(EnsureObject(parameter, element)) : null;
        return phone is not null;
    }

    /// <summary>Reads the structured value of a phone parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The phone number.</returns>
    /// <exception cref="InvalidOperationException">The parameter has no structured value, or it is not a JSON object.</exception>
    public static PhoneValue GetPhone(this Parameter parameter)
        => parameter.TryGetPhone(out var phone) ? phone : throw NoStructuredValue(parameter);

    private static JsonElement EnsureObject(Parameter parameter, JsonElement element)
        => element.ValueKind == JsonValueKind.Object
            ? element
            : throw new InvalidOperationException($"The structured value of parameter '{parameter.Id}' is a JSON {element.ValueKind}, not an object.");

    private static InvalidOperationException NoStructuredValue(Parameter parameter)
        => new($"Parameter '{parameter.Id}' has no structured value.");
}
