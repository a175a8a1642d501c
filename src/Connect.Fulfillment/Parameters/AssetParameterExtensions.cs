using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Parameters;

/// <summary>
/// Parameter lookups on an asset's <c>params</c> and <c>configuration.params</c>.
/// Required forms throw <see cref="ParameterNotFoundException"/> naming the parameter, the phase and the owner id;
/// Try forms return false. Values are never <c>null</c> and never a placeholder: a parameter without a value
/// yields an empty string, and the <c>NonEmpty</c> forms treat empty or whitespace values as missing.
/// When several parameters match, the first one wins.
/// </summary>
public static class AssetParameterExtensions
{
    /// <summary>Gets the parameter with the given id.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static Parameter GetParameter(this Asset asset, string id)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).Get(id);
    }

    /// <summary>Gets the parameter with the given id, if any.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetParameter(this Asset asset, string id, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).TryGet(id, out parameter);
    }

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value).</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value, or an empty string.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static string GetParameterValue(this Asset asset, string id)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).GetValue(id);
    }

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value), if the parameter exists.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this Asset asset, string id, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).TryGetValue(id, out value);
    }

    /// <summary>Gets the value of the parameter with the given id, requiring it to be non-empty.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this Asset asset, string id)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).GetNonEmptyValue(id);
    }

    /// <summary>Gets the value of the parameter with the given id when the parameter exists and its value is not empty or whitespace.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this Asset asset, string id, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).TryGetNonEmptyValue(id, out value);
    }

    /// <summary>Gets the value of a parameter by phase and name, like the Python template's <c>Utils.get_param_value</c> but without a <c>None</c> or <c>'-'</c> result.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value, or an empty string when the parameter has no value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id.</exception>
    public static string GetParameterValue(this Asset asset, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).GetValue(phase, name);
    }

    /// <summary>Gets the value of a parameter by phase and name, if the parameter exists.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this Asset asset, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).TryGetValue(phase, name, out value);
    }

    /// <summary>Gets the value of a parameter by phase and name, requiring it to be non-empty.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this Asset asset, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).GetNonEmptyValue(phase, name);
    }

    /// <summary>Gets the value of a parameter by phase and name when it exists and is not empty or whitespace ("missing or empty" is false).</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this Asset asset, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Params(asset).TryGetNonEmptyValue(phase, name, out value);
    }

    /// <summary>Gets the parameter with the given id from <c>configuration.params</c>.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No configuration parameter has that id.</exception>
    public static Parameter GetConfigurationParameter(this Asset asset, string id)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Configuration(asset).Get(id);
    }

    /// <summary>Gets the parameter with the given id from <c>configuration.params</c>, if any.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetConfigurationParameter(this Asset asset, string id, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Configuration(asset).TryGet(id, out parameter);
    }

    private static ParameterSource Params(Asset asset) => new(asset.Params, "on asset", asset.Id);

    private static ParameterSource Configuration(Asset asset) => new(asset.Configuration?.Params, "in the configuration of asset", asset.Id, ParameterPhase.Configuration);
}
