using System.Diagnostics.CodeAnalysis;

namespace Connect.Fulfillment.Models.Internal;

/// <summary>A list of parameters plus where it came from, used to build clear not-found messages.</summary>
internal readonly struct ParameterSource(IReadOnlyList<Parameter>? parameters, string location, string? ownerId, ParameterPhase? idLookupPhase = null)
{
    private IReadOnlyList<Parameter> Parameters => parameters ?? [];

    public Parameter? Find(string id) => Parameters.FindParameter(id);

    public Parameter? Find(ParameterPhase phase, string name) => Parameters.FindParameter(phase, name);

    public Parameter Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Parameters.FindParameter(id) ?? throw NotFound(id, idLookupPhase, isEmpty: false);
    }

    public bool TryGet(string id, [MaybeNullWhen(false)] out Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(id);
        parameter = Parameters.FindParameter(id);
        return parameter is not null;
    }

    public string GetValue(string id) => Get(id).Value ?? string.Empty;

    public bool TryGetValue(string id, [MaybeNullWhen(false)] out string value)
    {
        value = TryGet(id, out var parameter) ? parameter.Value ?? string.Empty : null;
        return value is not null;
    }

    public string GetNonEmptyValue(string id)
    {
        var value = GetValue(id);
        return ParameterListExtensions.IsEmptyValue(value) ? throw NotFound(id, idLookupPhase, isEmpty: true) : value;
    }

    public bool TryGetNonEmptyValue(string id, [MaybeNullWhen(false)] out string value)
    {
        if (TryGetValue(id, out var found) && !ParameterListExtensions.IsEmptyValue(found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    public Parameter Get(ParameterPhase phase, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Parameters.FindParameter(phase, name) ?? throw NotFound(name, phase, isEmpty: false);
    }

    public string GetValue(ParameterPhase phase, string name) => Get(phase, name).Value ?? string.Empty;

    public bool TryGetValue(ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = Parameters.FindParameter(phase, name) is { } parameter ? parameter.Value ?? string.Empty : null;
        return value is not null;
    }

    public string GetNonEmptyValue(ParameterPhase phase, string name)
    {
        var value = GetValue(phase, name);
        return ParameterListExtensions.IsEmptyValue(value) ? throw NotFound(name, phase, isEmpty: true) : value;
    }

    public bool TryGetNonEmptyValue(ParameterPhase phase, string name, [MaybeNullWhen(false)] out string value)
    {
        if (TryGetValue(phase, name, out var found) && !ParameterListExtensions.IsEmptyValue(found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    private ParameterNotFoundException NotFound(string key, ParameterPhase? phase, bool isEmpty)
        => new(key, phase, ownerId, location, isEmpty);
}
