using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.Models.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>
/// Parameter lookups, the same for a fulfillment request (<c>asset.params</c>), an asset, a tier configuration request
/// and a tier configuration. Three forms everywhere: <c>Find…</c> returns null, <c>Get…</c> throws
/// <see cref="ParameterNotFoundException"/> naming the parameter, the phase and the owner id, <c>TryGet…</c> returns
/// false. Values are never null and never a placeholder: a parameter without a value yields an empty string, and the
/// <c>NonEmpty</c> forms treat empty or whitespace values as missing. When several parameters match, the first one wins.
/// </summary>
public static class ParameterLookupExtensions
{
    /// <summary>Finds the parameter with the given id (ordinal comparison).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter, or null.</returns>
    public static Parameter? FindParameter(this IParameterOwner owner, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Own(owner).Find(id);
    }

    /// <summary>Gets the parameter with the given id.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static Parameter GetParameter(this IParameterOwner owner, string id) => Own(owner).Get(id);

    /// <summary>Gets the parameter with the given id, if any.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetParameter(this IParameterOwner owner, string id, [MaybeNullWhen(false)] out Parameter parameter)
        => Own(owner).TryGet(id, out parameter);

    /// <summary>
    /// Finds a parameter by phase and name, like the Python template's <c>Utils.get_param</c>: the first parameter of
    /// that phase whose name matches, else the first whose id matches (older payloads put a display label in the
    /// name). Parameters without a phase match any phase; the phase is compared ignoring case.
    /// </summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase.</param>
    /// <param name="name">The parameter name (or id).</param>
    /// <returns>The parameter, or null.</returns>
    public static Parameter? FindParameter(this IParameterOwner owner, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Own(owner).Find(phase, name);
    }

    /// <summary>Gets a parameter by phase and name (see <see cref="FindParameter(IParameterOwner, ParameterPhase, string)"/>).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase.</param>
    /// <param name="name">The parameter name (or id).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id.</exception>
    public static Parameter GetParameter(this IParameterOwner owner, ParameterPhase phase, string name) => Own(owner).Get(phase, name);

    /// <summary>Gets a parameter by phase and name, if any.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase.</param>
    /// <param name="name">The parameter name (or id).</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetParameter(this IParameterOwner owner, ParameterPhase phase, string name, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        parameter = Own(owner).Find(phase, name);
        return parameter is not null;
    }

    /// <summary>Finds the value of the parameter with the given id: empty when it has no value, null when there is no such parameter.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value, an empty string, or null.</returns>
    public static string? FindParameterValue(this IParameterOwner owner, string id)
        => Own(owner).TryGetValue(id, out var value) ? value : null;

    /// <summary>Finds the non-empty value of the parameter with the given id; null when there is no such parameter or its value is empty.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value, or null.</returns>
    public static string? FindNonEmptyParameterValue(this IParameterOwner owner, string id)
        => Own(owner).TryGetNonEmptyValue(id, out var value) ? value : null;

    /// <summary>Finds the value of the parameter of a phase by name (see <see cref="FindParameter(IParameterOwner, ParameterPhase, string)"/>); null when there is none.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase.</param>
    /// <param name="name">The parameter name (or id).</param>
    /// <returns>The value, an empty string, or null.</returns>
    public static string? FindParameterValue(this IParameterOwner owner, ParameterPhase phase, string name)
        => Own(owner).TryGetValue(phase, name, out var value) ? value : null;

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value, or an empty string.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public static string GetParameterValue(this IParameterOwner owner, string id) => Own(owner).GetValue(id);

    /// <summary>Gets the value of the parameter with the given id (empty when it has no value), if the parameter exists.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this IParameterOwner owner, string id, [MaybeNullWhen(false)] out string value)
        => Own(owner).TryGetValue(id, out value);

    /// <summary>Gets the value of the parameter with the given id, requiring it to be non-empty.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this IParameterOwner owner, string id) => Own(owner).GetNonEmptyValue(id);

    /// <summary>Gets the value of the parameter with the given id when the parameter exists and its value is not empty or whitespace.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this IParameterOwner owner, string id, [MaybeNullWhen(false)] out string value)
        => Own(owner).TryGetNonEmptyValue(id, out value);

    /// <summary>Gets the value of a parameter by phase and name, like the Python template's <c>Utils.get_param_value</c> but without a <c>None</c> or <c>'-'</c> result.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value, or an empty string when the parameter has no value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id.</exception>
    public static string GetParameterValue(this IParameterOwner owner, ParameterPhase phase, string name) => Own(owner).GetValue(phase, name);

    /// <summary>Gets the value of a parameter by phase and name, if the parameter exists.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The value when found, possibly empty.</param>
    /// <returns>True when the parameter exists.</returns>
    public static bool TryGetParameterValue(this IParameterOwner owner, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
        => Own(owner).TryGetValue(phase, name, out value);

    /// <summary>Gets the value of a parameter by phase and name, requiring it to be non-empty.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter of that phase has that name or id, or its value is empty (<see cref="ParameterNotFoundException.IsEmptyValue"/>).</exception>
    public static string GetNonEmptyParameterValue(this IParameterOwner owner, ParameterPhase phase, string name) => Own(owner).GetNonEmptyValue(phase, name);

    /// <summary>Gets the value of a parameter by phase and name when it exists and is not empty or whitespace ("missing or empty" is false).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="phase">The phase (parameters without a phase match any phase).</param>
    /// <param name="name">The parameter name; when no parameter has that name, the parameter id.</param>
    /// <param name="value">The non-empty value when found.</param>
    /// <returns>True when the parameter exists and has a non-empty value.</returns>
    public static bool TryGetNonEmptyParameterValue(this IParameterOwner owner, ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
        => Own(owner).TryGetNonEmptyValue(phase, name, out value);

    /// <summary>Finds the configuration parameter with the given id (<c>configuration.params</c>).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter, or null.</returns>
    public static Parameter? FindConfigurationParameter(this IParameterOwner owner, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Configuration(owner).Find(id);
    }

    /// <summary>Gets the configuration parameter with the given id (<c>configuration.params</c>).</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ParameterNotFoundException">No configuration parameter has that id.</exception>
    public static Parameter GetConfigurationParameter(this IParameterOwner owner, string id) => Configuration(owner).Get(id);

    /// <summary>Gets the configuration parameter with the given id (<c>configuration.params</c>), if any.</summary>
    /// <param name="owner">The request, asset or tier configuration (request).</param>
    /// <param name="id">The parameter id.</param>
    /// <param name="parameter">The parameter when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryGetConfigurationParameter(this IParameterOwner owner, string id, [MaybeNullWhen(false)] out Parameter parameter)
        => Configuration(owner).TryGet(id, out parameter);

    private static ParameterSource Own(IParameterOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new(owner.Parameters, "on " + KindOf(owner), owner.Id);
    }

    private static ParameterSource Configuration(IParameterOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);

        // Fulfillment requests and assets only carry configuration-phase parameters there, so a miss names that phase.
        var phase = owner is FulfillmentRequest or Asset ? ParameterPhase.Configuration : (ParameterPhase?)null;
        return new(owner.ConfigurationParameters, "in the configuration of " + KindOf(owner), owner.Id, phase);
    }

    private static string KindOf(IParameterOwner owner) => owner switch
    {
        FulfillmentRequest => "request",
        Asset => "asset",
        TierConfigRequest => "tier configuration request",
        TierConfiguration => "tier configuration",
        _ => "object",
    };
}
