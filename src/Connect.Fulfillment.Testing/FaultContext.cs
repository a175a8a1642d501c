namespace Connect.Fulfillment.Testing;

/// <summary>Describes a call that a <see cref="FaultRule"/> predicate can inspect.</summary>
public sealed class FaultContext
{
    internal FaultContext(string method, string relativePath, string query, string? body)
    {
        Method = method;
        RelativePath = relativePath;
        Query = query;
        Body = body;
    }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the path relative to the API base, e.g. <c>/requests/PR-1/approve</c>.</summary>
    public string RelativePath { get; }

    /// <summary>Gets the raw query string including <c>?</c>, or an empty string.</summary>
    public string Query { get; }

    /// <summary>Gets the request body text, or null.</summary>
    public string? Body { get; }
}
