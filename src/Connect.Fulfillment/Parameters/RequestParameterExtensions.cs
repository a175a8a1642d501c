using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Parameters;

/// <summary>
/// Parameter lookups on a fulfillment request's <c>asset.params</c> and <c>asset.configuration.params</c>.
/// Required forms throw <see cref="ParameterNotFoundException"/> naming the parameter, the phase and the owner id;
/// Try forms return false. Values are never <c>null</c> and never a placeholder: a parameter without a value
/// yields an empty string, and the <c>NonEmpty</c> forms treat empty or whitespace values as missing.
/// When several parameters match, the first one wins.
/// </summary>
public static class RequestParameterExtensions
{
    /// <summary>Gets the parameter with the given id.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static Parameter GetParameter(this FulfillmentRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).Get(id);
    }

    /// <summary>Gets the parameter with the given id, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetParameter(this FulfillmentRequest request, string id, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).TryGet(id, out parameter);
    }

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value).</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value, or an empty string.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static string GetParameterValue(this FulfillmentRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).GetValue(id);
    }

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value), if the parameter exists.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this FulfillmentRequest request, string id, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).TryGetValue(id, out value);
    }

    /// <summary>Gets the value of the parameter with the given id, requiring it to be non-empty.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this FulfillmentRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).GetNonEmptyValue(id);
    }

    /// <summary>Gets the value of the parameter with the given id when the parameter exists and its value is not empty or whitespace.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this FulfillmentRequest request, string id, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).TryGetNonEmptyValue(id, out value);
    }

    /// <summary>Gets the value of a parameter by phase and name, like the Python template's <c>Utils.get_param_value</c> but without a <c>None</c> or <c>'-'</c> result.</summary>
    /// <param name="request">The request.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value, or an empty string when the parameter has no value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id.</exception>
    public static string GetParameterValue(this FulfillmentRequest request, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).GetValue(phase, name);
    }

    /// <summary>Gets the value of a parameter by phase and name, if the parameter exists.</summary>
    /// <param name="request">The request.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this FulfillmentRequest request, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).TryGetValue(phase, name, out value);
    }

    /// <summary>Gets the value of a parameter by phase and name, requiring it to be non-empty.</summary>
    /// <param name="request">The request.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this FulfillmentRequest request, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).GetNonEmptyValue(phase, name);
    }

    /// <summary>Gets the value of a parameter by phase and name when it exists and is not empty or whitespace ("missing or empty" is false).</summary>
    /// <param name="request">The request.</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this FulfillmentRequest request, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Params(request).TryGetNonEmptyValue(phase, name, out value);
    }

    /// <summary>Gets the parameter with the given id from <c>asset.configuration.params</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No configuration parameter has that id.</exception>
    public static Parameter GetConfigurationParameter(this FulfillmentRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Configuration(request).Get(id);
    }

    /// <summary>Gets the parameter with the given id from <c>asset.configuration.params</c>, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetConfigurationParameter(this FulfillmentRequest request, string id, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Configuration(request).TryGet(id, out parameter);
    }

    private static ParameterSource Params(FulfillmentRequest request) => new(request.Asset?.Params, "on request", request.Id);

    private static ParameterSource Configuration(FulfillmentRequest request) => new(request.Asset?.Configuration?.Params, "in the configuration of request", request.Id, ParameterPhase.Configuration);
}
