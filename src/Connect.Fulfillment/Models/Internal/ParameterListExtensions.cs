namespace Connect.Fulfillment.Models.Internal;

/// <summary>
/// Lookups over a list of parameters (<c>asset.params</c>, <c>configuration.params</c>, a tier configuration
/// request's <c>params</c>). When several parameters match, the first one wins.
/// </summary>
internal static class ParameterListExtensions
{
    /// <summary>Finds the first parameter with the given id (ordinal comparison).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter, or null when there is none.</returns>
    public static Parameter? FindParameter(this IReadOnlyList<Parameter> parameters, string id)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(id);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (parameter is not null && string.Equals(parameter.Id, id, StringComparison.Ordinal))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// Finds the first parameter of the given phase whose <see cref="Parameter.Name"/> equals <paramref name="name"/>;
    /// when none has that name, the first one whose <see cref="Parameter.Id"/> equals it (older payloads put a
    /// display label in the name). Parameters that carry no phase (older payloads) match any phase; the phase is
    /// compared ignoring case, names and ids ordinally.
    /// </summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="phase">The phase.</param>
    /// <param name="name">The parameter name (or id).</param>
    /// <returns>The parameter, or null when there is none.</returns>
    public static Parameter? FindParameter(this IReadOnlyList<Parameter> parameters, ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(name);
        Parameter? byId = null;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (parameter is null || !PhaseMatches(parameter.Phase, phase))
            {
                continue;
            }

            if (string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return parameter;
            }

            if (byId is null && string.Equals(parameter.Id, name, StringComparison.Ordinal))
            {
                byId = parameter;
            }
        }

        return byId;
    }

    internal static bool PhaseMatches(ParameterPhase actual, ParameterPhase wanted)
        => string.IsNullOrEmpty(actual.Value) || string.Equals(actual.Value, wanted.Value, StringComparison.OrdinalIgnoreCase);

    internal static bool IsEmptyValue(string? value) => string.IsNullOrWhiteSpace(value);
}
