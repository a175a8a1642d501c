using System.Net;
using System.Text.Json;

namespace Connect.Fulfillment;

/// <summary>
/// The root of every error the Connect client raises: an error answer from Connect (with its HTTP status,
/// <c>error_code</c> and <c>errors</c>), an unreadable answer, or a transport failure (status 0).
/// Messages never contain the API key: when Connect's answer echoes the client's key, the client masks it as <c>***</c>
/// in <see cref="Exception.Message"/>, <see cref="Errors"/>, <see cref="ErrorCode"/> and <see cref="ErrorParameters"/>, and
/// escapes line breaks and control characters so that a message is always one printable line.
/// </summary>
public class ConnectApiException : Exception
{
    /// <summary>Creates an exception.</summary>
    public ConnectApiException()
        : this("The Connect API call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectApiException(string message, Exception? innerException)
        : this(new ConnectErrorDetails(), message, innerException)
    {
    }

    /// <summary>Creates an exception from the details of a failed call.</summary>
    /// <param name="details">What Connect answered, and to which call.</param>
    /// <param name="message">The message; built from <paramref name="details"/> when null.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectApiException(ConnectErrorDetails details, string? message = null, Exception? innerException = null)
        : base(message ?? (details ?? throw new ArgumentNullException(nameof(details))).Describe(), innerException)
    {
        Details = details;
    }

    /// <summary>What Connect answered, and to which call.</summary>
    public ConnectErrorDetails Details { get; }

    /// <summary>The HTTP status, or 0 when no answer was received.</summary>
    public int StatusCode => Details.StatusCode;

    /// <summary>Connect's <c>error_code</c>, for example <c>REQ_005</c>.</summary>
    public string? ErrorCode => Details.ErrorCode;

    /// <summary>Connect's <c>errors</c> messages.</summary>
    public IReadOnlyList<string> Errors => Details.Errors;

    /// <summary>Connect's extra <c>params</c> object (for example <c>empty_params</c>), if any.</summary>
    public JsonElement? ErrorParameters => Details.Parameters;

    /// <summary>The HTTP method of the failed call.</summary>
    public string? Method => Details.Method;

    /// <summary>The path of the failed call, relative to the endpoint.</summary>
    public string? Path => Details.Path;

    /// <summary>
    /// Whether a state change may or may not have been applied: no answer was received, the HTTP status is a server
    /// error (5xx), or the status was a success (2xx) whose body could not be read.
    /// </summary>
    public bool IsOutcomeUnknown => StatusCode is 0 or (>= 200 and < 300) || StatusCode >= (int)HttpStatusCode.InternalServerError;
}
