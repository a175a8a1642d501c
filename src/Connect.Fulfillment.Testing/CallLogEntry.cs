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

    /// <summary>
    /// Gets a value indicating whether the call changed sandbox state: a call other than <c>GET</c> that was applied,
    /// whether or not its answer reached the caller (lost by a <see cref="FaultKind.LoseResponse"/> fault, or the caller
    /// gone).
    /// </summary>
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

    /// <summary>Checks whether this call matches a call pattern, the syntax fault rules use.</summary>
    /// <param name="pattern">
    /// <c>"[METHOD ]/path"</c>, e.g. <c>"POST /requests/*/approve"</c>: the method is optional (any when left out
    /// or <c>*</c>); the path is matched whole against <see cref="RelativePath"/> or <see cref="Path"/>, with
    /// <c>*</c> matching any characters (<c>/</c> included).
    /// </param>
    /// <returns>True when the call matches.</returns>
    public bool Matches(string pattern) => Internal.CallPattern.Parse(pattern).IsMatch(Method, RelativePath, Path);

    /// <summary>Checks whether this call matches a method and a path prefix: the pattern <c>"METHOD prefix*"</c>.</summary>
    /// <param name="method">The HTTP method (case-insensitive), or null for any.</param>
    /// <param name="pathPrefix">A prefix of <see cref="RelativePath"/> or of <see cref="Path"/>.</param>
    /// <returns>True when both match.</returns>
    public bool Matches(string? method, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        return Internal.CallPattern.Of(method, pathPrefix + "*").IsMatch(Method, RelativePath, Path);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}{(Fault is null ? string.Empty : $" [{Fault}]")}";
}
