namespace Connect.Fulfillment.Testing;

/// <summary>A thread-safe log of the calls a sandbox received.</summary>
public sealed class CallLog
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly List<CallLogEntry> _entries = [];
    private long _sequence;

    internal CallLog()
    {
    }

    /// <summary>Gets a snapshot of all entries in arrival order.</summary>
    public IReadOnlyList<CallLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Gets the number of calls logged.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Counts calls matching a call pattern, e.g. <c>Count("POST /requests/*/approve")</c>; see <see cref="CallLogEntry.Matches(string)"/>.</summary>
    /// <param name="pattern"><c>"[METHOD ]/path"</c> with <c>*</c> wildcards, the syntax of <see cref="FaultRule.For(string)"/>.</param>
    /// <returns>The number of matching calls.</returns>
    public int Count(string pattern)
    {
        var parsed = Internal.CallPattern.Parse(pattern);
        return Count(e => parsed.IsMatch(e.Method, e.RelativePath, e.Path));
    }

    /// <summary>Returns the calls matching a call pattern, in arrival order; see <see cref="CallLogEntry.Matches(string)"/>.</summary>
    /// <param name="pattern"><c>"[METHOD ]/path"</c> with <c>*</c> wildcards.</param>
    /// <returns>A snapshot of matching entries.</returns>
    public IReadOnlyList<CallLogEntry> Where(string pattern)
    {
        var parsed = Internal.CallPattern.Parse(pattern);
        return Where(e => parsed.IsMatch(e.Method, e.RelativePath, e.Path));
    }

    /// <summary>Counts calls with a method and a path prefix (the pattern <c>"METHOD prefix*"</c>), e.g. <c>Count("POST", "/requests/PR-1/approve")</c>.</summary>
    /// <param name="method">The HTTP method, or null for any.</param>
    /// <param name="pathPrefix">A prefix of the path relative to the API base (or of the full path).</param>
    /// <returns>The number of matching calls.</returns>
    public int Count(string? method, string pathPrefix) => Count(e => e.Matches(method, pathPrefix));

    /// <summary>Counts calls matching a predicate.</summary>
    /// <param name="predicate">The filter.</param>
    /// <returns>The number of matching calls.</returns>
    public int Count(Func<CallLogEntry, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            return _entries.Count(predicate);
        }
    }

    /// <summary>Returns the calls matching a predicate, in arrival order.</summary>
    /// <param name="predicate">The filter.</param>
    /// <returns>A snapshot of matching entries.</returns>
    public IReadOnlyList<CallLogEntry> Where(Func<CallLogEntry, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            return _entries.Where(predicate).ToArray();
        }
    }

    /// <summary>Removes all entries.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(CallLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
