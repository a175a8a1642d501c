namespace Connect.Fulfillment.Testing.Internal;

/// <summary>
/// The one pattern syntax of the test kit, shared by call-log queries and fault rules:
/// <c>"[METHOD ]/path"</c>, e.g. <c>"POST /requests/*/approve"</c>. The method is case-insensitive and may be
/// left out (or written <c>*</c>) for any method. The path is matched whole against the path relative to
/// <c>/public/v1</c> (or the full path); <c>*</c> matches any run of characters, <c>/</c> included, and a trailing
/// <c>/</c> on the call's path is ignored.
/// </summary>
internal sealed class CallPattern
{
    private readonly string? _method;
    private readonly string _path;

    private CallPattern(string? method, string path)
    {
        _method = method is null or "*" ? null : method;
        _path = path;
    }

    /// <summary>Parses <c>"METHOD /path"</c> or <c>"/path"</c>.</summary>
    public static CallPattern Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var trimmed = pattern.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? new CallPattern(null, trimmed) : new CallPattern(trimmed[..space], trimmed[(space + 1)..].TrimStart());
    }

    /// <summary>A pattern from a separate method (null for any) and path pattern.</summary>
    public static CallPattern Of(string? method, string pathPattern)
    {
        ArgumentNullException.ThrowIfNull(pathPattern);
        return new CallPattern(method, pathPattern);
    }

    public bool IsMatch(string method, string relativePath, string? fullPath = null) =>
        (_method is null || string.Equals(_method, method, StringComparison.OrdinalIgnoreCase))
        && (PathMatches(relativePath) || (fullPath is not null && PathMatches(fullPath)));

    /// <inheritdoc/>
    public override string ToString() => _method is null ? _path : $"{_method} {_path}";

    private bool PathMatches(string path) =>
        Wildcard.IsMatch(path, _path, ignoreCase: false)
        || (path.Length > 1 && path.EndsWith('/') && Wildcard.IsMatch(path.TrimEnd('/'), _path, ignoreCase: false));
}
