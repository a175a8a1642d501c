namespace Connect.Fulfillment.Models;

/// <summary>
/// Thrown when a required parameter is missing from a request, asset or tier configuration request, or (for the
/// non-empty forms) is present but has an empty value. The message names the parameter, the phase and the owner;
/// it never contains any parameter value.
/// </summary>
public sealed class ParameterNotFoundException : KeyNotFoundException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ParameterNotFoundException()
        : base("The parameter was not found.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message; must not contain parameter values.</param>
    public ParameterNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">The message; must not contain parameter values.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ParameterNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a missing parameter.</summary>
    /// <param name="parameterId">The parameter id or name looked up.</param>
    /// <param name="phase">The phase looked up, or null when looked up by id.</param>
    /// <param name="ownerId">The id of the request, asset or tier configuration request searched.</param>
    public ParameterNotFoundException(string parameterId, ParameterPhase? phase, string? ownerId)
        : this(parameterId, phase, ownerId, "on", isEmptyValue: false)
    {
    }

    internal ParameterNotFoundException(string parameterId, ParameterPhase? phase, string? ownerId, string location, bool isEmptyValue)
        : base(BuildMessage(parameterId, phase, ownerId, location, isEmptyValue))
    {
        ParameterId = parameterId;
        Phase = phase;
        OwnerId = ownerId;
        IsEmptyValue = isEmptyValue;
    }

    /// <summary>The parameter id (or name) that was looked up.</summary>
    public string? ParameterId { get; }

    /// <summary>The phase that was looked up; null for lookups by id.</summary>
    public ParameterPhase? Phase { get; }

    /// <summary>The id of the request, asset or tier configuration request that was searched.</summary>
    public string? OwnerId { get; }

    /// <summary>True when the parameter exists but its value is empty (thrown by the non-empty forms only).</summary>
    public bool IsEmptyValue { get; }

    private static string BuildMessage(string parameterId, ParameterPhase? phase, string? ownerId, string location, bool isEmptyValue)
    {
        var phaseText = phase is { Value: { Length: > 0 } p } ? $" (phase {p})" : string.Empty;
        var owner = $"{location} {(string.IsNullOrEmpty(ownerId) ? "(without id)" : ownerId)}";
        return isEmptyValue
            ? $"Parameter '{parameterId}'{phaseText} {owner} has an empty value."
            : $"Parameter '{parameterId}'{phaseText} was not found {owner}.";
    }
}
