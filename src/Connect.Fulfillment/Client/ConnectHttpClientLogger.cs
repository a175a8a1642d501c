using System.Net.Http.Headers;
using System.Text;
using Connect.Fulfillment.Client.Internal;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment;

/// <summary>
/// Replaces the HttpClient factory's default logging for the Connect clients. The default logger hides a redacted
/// header's value in the message text but still hands the raw <c>Authorization</c> value to structured sinks (JSON
/// console, OpenTelemetry) as a state value; this one never sees it. It logs what the default one does, in the same
/// category (<c>System.Net.Http.HttpClient.{name}.LogicalHandler</c>): the start and end of each call at Information,
/// and the headers at Trace with <c>Authorization</c> written as <c>*</c> (and the key masked in any response header
/// that echoes it, with control characters escaped). Bodies are never logged.
/// </summary>
internal sealed partial class ConnectHttpClientLogger(ILogger logger, SecretText secrets) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        RequestStart(logger, request.Method.Method, request.RequestUri?.ToString() ?? string.Empty);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            RequestHeaders(logger, Describe(request.Headers, request.Content?.Headers));
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        RequestEnd(logger, request.Method.Method, request.RequestUri?.ToString() ?? string.Empty, (int)response.StatusCode, (long)elapsed.TotalMilliseconds);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            ResponseHeaders(logger, Describe(response.Headers, response.Content.Headers));
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        => RequestFailed(logger, exception, request.Method.Method, request.RequestUri?.ToString() ?? string.Empty, (long)elapsed.TotalMilliseconds);

    private string Describe(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var text = new StringBuilder();
        foreach (var header in contentHeaders is null ? headers.NonValidated : headers.NonValidated.Concat(contentHeaders.NonValidated))
        {
            var redacted = header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase);
            text.Append(header.Key).Append(": ").Append(redacted ? "*" : secrets.Clean(string.Join(", ", header.Value))).Append('\n');
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sending HTTP request {HttpMethod} {Uri}")]
    private static partial void RequestStart(ILogger logger, string httpMethod, string uri);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "HTTP request {HttpMethod} {Uri} answered {StatusCode} after {ElapsedMilliseconds} ms")]
    private static partial void RequestEnd(ILogger logger, string httpMethod, string uri, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Trace, Message = "Request Headers:\n{Headers}")]
    private static partial void RequestHeaders(ILogger logger, string headers);

    [LoggerMessage(EventId = 103, Level = LogLevel.Trace, Message = "Response Headers:\n{Headers}")]
    private static partial void ResponseHeaders(ILogger logger, string headers);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "HTTP request {HttpMethod} {Uri} failed after {ElapsedMilliseconds} ms")]
    private static partial void RequestFailed(ILogger logger, Exception exception, string httpMethod, string uri, long elapsedMilliseconds);
}
