using System.Text;
using System.Text.Json;

namespace Connect.Fulfillment;

/// <summary>The details of a failed Connect call.</summary>
public sealed record ConnectErrorDetails
{
    /// <summary>The HTTP status, or 0 when no answer was received.</summary>
    public int StatusCode { get; init; }

    /// <summary>Connect's <c>error_code</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Connect's <c>errors</c> messages.</summary>
    public IReadOnlyList<string> Errors { get; init => field = value ?? []; } = [];

    /// <summary>Connect's extra <c>params</c> object.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>The path, relative to the endpoint (query string excluded).</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Builds the default message, for example <c>POST requests/PR-1/fail answered 400 REQ_005: Missed fields: reason.</c>,
    /// on one printable line: line breaks and control characters in the parts are escaped (<c>\n</c>, <c>\u001B</c>).
    /// </summary>
    /// <returns>The message.</returns>
    public string Describe()
    {
        var text = new StringBuilder("Connect ");
        text.Append(MessageText.OneLine(Method ?? "call")).Append(' ').Append(MessageText.OneLine(Path));
        text.Append(StatusCode == 0 ? " got no answer" : $" answered {StatusCode}");
        if (!string.IsNullOrEmpty(ErrorCode))
        {
            text.Append(' ').Append(MessageText.OneLine(ErrorCode));
        }

        if (Errors.Count > 0)
        {
            text.Append(": ").AppendJoin("; ", Errors.Select(MessageText.OneLine));
        }

        return text[^1] is '.' or '!' or '?' ? text.ToString() : text.Append('.').ToString();
    }
}
