namespace Connect.Fulfillment.Testing;

/// <summary>The fault injection rules of a sandbox; rules are checked in the order they were added.</summary>
public sealed class SandboxFaults
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private FaultRule[] _rules = [];

    internal SandboxFaults()
    {
    }

    /// <summary>Gets a snapshot of the active rules.</summary>
    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a rule.</summary>
    /// <param name="rule">The rule, e.g. <c>FaultRule.For("POST", "/requests/*/approve").OnCall(1).ServerError(502)</c>.</param>
    /// <returns>The same rule, to read its counters later.</returns>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules = [.. _rules, rule];
        }

        return rule;
    }

    /// <summary>Removes a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>True when it was present.</returns>
    public bool Remove(FaultRule rule)
    {
        lock (_gate)
        {
            var before = _rules.Length;
            _rules = _rules.Where(r => !ReferenceEquals(r, rule)).ToArray();
            return _rules.Length != before;
        }
    }

    /// <summary>Removes all rules.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }
}
