using Connect.Fulfillment.AspNetCore.Internal;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>
/// The request under validation and the helpers of the Python template's dynamic validation (<c>get_parameter_by_id</c>,
/// <c>set_parameter</c>): lookups by id and by phase and name, and <see cref="SetError(string, string)"/>,
/// <see cref="ClearError(string)"/>, <see cref="SetValue(string, string)"/>. Changes are recorded here and written
/// into the JSON Connect sent, which is answered with every other field unchanged. Not thread-safe: the validators of
/// one call run one after another.
/// </summary>
public abstract class ConnectValidationContext
{
    private readonly IParameterOwner owner;
    private readonly Dictionary<string, ParameterChange> changes = new(StringComparer.Ordinal);

    private protected ConnectValidationContext(ConnectValidationKind kind, IParameterOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a validation kind.");
        }

        Kind = kind;
        this.owner = owner;
    }

    /// <summary>What is validated.</summary>
    public ConnectValidationKind Kind { get; }

    /// <summary>The request id (<c>PR-…</c> or <c>TCR-…</c>).</summary>
    public string RequestId => owner.Id ?? string.Empty;

    /// <summary>The request's own parameters as Connect sent them (<c>asset.params</c>, or a tier configuration request's <c>params</c>).</summary>
    public IReadOnlyList<Parameter> Parameters => owner.Parameters;

    /// <summary>Whether any parameter has an error once the recorded changes are applied.</summary>
    public bool HasErrors => owner.Parameters.Any(p => p.Id is not null && !string.IsNullOrEmpty(GetError(p.Id)));

    /// <summary>The parameter ids changed so far, in the order first changed.</summary>
    public IReadOnlyCollection<string> ChangedParameterIds => changes.Keys;

    internal IReadOnlyDictionary<string, ParameterChange> Changes => changes;

    /// <summary>Finds a parameter by id.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The parameter as Connect sent it, or null.</returns>
    public Parameter? FindParameter(string parameterId) => owner.FindParameter(parameterId);

    /// <summary>Gets a parameter by id.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The parameter as Connect sent it.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public Parameter GetParameter(string parameterId) => owner.GetParameter(parameterId);

    /// <summary>Finds a parameter by phase and name (then by id), as the core's <see cref="ParameterLookupExtensions"/> do.</summary>
    /// <param name="phase">The phase, usually <see cref="ParameterPhase.Ordering"/>.</param>
    /// <param name="name">The parameter name.</param>
    /// <returns>The parameter as Connect sent it, or null.</returns>
    public Parameter? FindParameter(ParameterPhase phase, string name) => owner.FindParameter(phase, name);

    /// <summary>Gets a parameter by phase and name (then by id).</summary>
    /// <param name="phase">The phase, usually <see cref="ParameterPhase.Ordering"/>.</param>
    /// <param name="name">The parameter name.</param>
    /// <returns>The parameter as Connect sent it.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter matches.</exception>
    public Parameter GetParameter(ParameterPhase phase, string name) => owner.GetParameter(phase, name);

    /// <summary>The parameter's value once the recorded changes are applied; empty when it has none.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public string GetValue(string parameterId)
    {
        var parameter = owner.GetParameter(parameterId);
        return changes.TryGetValue(parameterId, out var change) && change.Value is { } value ? value : parameter.Value ?? string.Empty;
    }

    /// <summary>The parameter's error (<c>value_error</c>) once the recorded changes are applied; empty when it has none.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The error message, or an empty string.</returns>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public string GetError(string parameterId)
    {
        var parameter = owner.GetParameter(parameterId);
        return changes.TryGetValue(parameterId, out var change) && change.Error is { } error ? error : parameter.ValueError ?? string.Empty;
    }

    /// <summary>Marks the parameter invalid: its <c>value_error</c> becomes <paramref name="message"/>, which Connect shows to the customer.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="message">Why the value is refused; not empty.</param>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public void SetError(string parameterId, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Record(parameterId, change => change with { Error = message });
    }

    /// <summary>Marks the parameter invalid (see <see cref="SetError(string, string)"/>).</summary>
    /// <param name="parameter">A parameter of this request, as found by a lookup.</param>
    /// <param name="message">Why the value is refused; not empty.</param>
    public void SetError(Parameter parameter, string message)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        SetError(parameter.Id ?? throw new ArgumentException("The parameter has no id.", nameof(parameter)), message);
    }

    /// <summary>Marks the parameter valid: its <c>value_error</c> becomes empty, removing an error of an earlier validation.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public void ClearError(string parameterId) => Record(parameterId, change => change with { Error = string.Empty });

    /// <summary>Marks the parameter valid (see <see cref="ClearError(string)"/>).</summary>
    /// <param name="parameter">A parameter of this request, as found by a lookup.</param>
    public void ClearError(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ClearError(parameter.Id ?? throw new ArgumentException("The parameter has no id.", nameof(parameter)));
    }

    /// <summary>Sets the parameter's <c>value</c>, for example to normalize what the customer typed.</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="value">The new value.</param>
    /// <exception cref="ParameterNotFoundException">No parameter has that id.</exception>
    public void SetValue(string parameterId, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Record(parameterId, change => change with { Value = value });
    }

    private void Record(string parameterId, Func<ParameterChange, ParameterChange> update)
    {
        ArgumentNullException.ThrowIfNull(parameterId);
        _ = owner.GetParameter(parameterId);
        changes[parameterId] = update(changes.TryGetValue(parameterId, out var change) ? change : new ParameterChange(null, null));
    }
}
