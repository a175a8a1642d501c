using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing;

/// <summary>One HTTP call received by a <see cref="ConnectSandbox"/>.</summary>
public sealed class CallLogEntry
{
    internal CallLogEntry(long sequence, DateTimeOffset timestamp, string method, string path, string relativePath, string query, IReadOnlyDictionary<string, string> headers, bool authorizationPresent, bool authorizationValid, string? requestBody)
    {
        Sequence = sequence;
        Timestamp = timestamp;
        Method = method;
        Path = path;
        RelativePath = relativePath;
        Query = query;
        Headers = headers;
        AuthorizationPresent = authorizationPresent;
        AuthorizationValid = authorizationValid;
        RequestBody = requestBody;
    }

    /// <summary>Gets the order in which the call arrived (1-based).</summary>
    public long Sequence { get; }

    /// <summary>Gets when the call arrived, from the sandbox's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the full request path, e.g. <c>/public/v1/requests/PR-0000-0000-0001-001/approve</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the path relative to the API base, e.g. <c>/requests/PR-0000-0000-0001-001/approve</c>.</summary>
    public string RelativePath { get; }

    /// <summary>Gets the raw query string including the leading <c>?</c>, or an empty string.</summary>
    public string Query { get; }

    /// <summary>Gets selected request headers (Content-Type, User-Agent, Accept and similar); never the Authorization value.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets a value indicating whether an Authorization header was sent.</summary>
    public bool AuthorizationPresent { get; }

    /// <summary>Gets a value indicating whether the Authorization header matched the sandbox key.</summary>
    public bool AuthorizationValid { get; }

    /// <summary>Gets the request body as text, or null when there was none.</summary>
    public string? RequestBody { get; }

    /// <summary>Gets the HTTP status sent, or 0 when the connection was aborted before a response.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>Gets the fault injected into this call, or null.</summary>
    public FaultKind? Fault { get; internal set; }

    /// <summary>Gets a value indicating whether the call changed sandbox state (only tracked for calls that had a fault injected).</summary>
    public bool StateChanged { get; internal set; }

    /// <summary>Parses <see cref="RequestBody"/> as JSON.</summary>
    /// <returns>The parsed body, or null when there is no body or it is not valid JSON.</returns>
    public JsonNode? ParseBody()
    {
        if (string.IsNullOrWhiteSpace(RequestBody))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(RequestBody);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Checks whether this call matches a method and a path prefix.</summary>
    /// <param name="method">The HTTP method (case-insensitive), or null for any.</param>
    /// <param name="pathPrefix">A prefix of <see cref="RelativePath"/> or of <see cref="Path"/>.</param>
    /// <returns>True when both match.</returns>
    public bool Matches(string? method, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        return (method is null || string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
            && (RelativePath.StartsWith(pathPrefix, StringComparison.Ordinal) || Path.StartsWith(pathPrefix, StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}{(Fault is null ? string.Empty : $" [{Fault}]")}";
}

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

    /// <summary>Counts calls with a method and a path prefix, e.g. <c>Count("POST", "/requests/PR-1/approve")</c>.</summary>
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
