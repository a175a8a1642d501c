using System.Net;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.Logging;
using Polly;

namespace Connect.Fulfillment.Samples;

/// <summary>The vendor answers both adapters map alike.</summary>
internal static partial class VendorFailures
{
    /// <summary>Whether a call failure is worth a later run: connection errors, timeouts, an open circuit.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or ExecutionRejectedException or TaskCanceledException or IOException;

    public static string Describe(Exception exception) => exception switch
    {
        Polly.Timeout.TimeoutRejectedException or TaskCanceledException => "timed out",
        Polly.CircuitBreaker.BrokenCircuitException => "too many recent failures: calls paused",
        HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } tooLarge => tooLarge.Message,
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => $"connection error: {error}",
        _ => exception.GetType().Name,
    };

    /// <summary>
    /// Maps a non-2xx answer other than the operation-specific ones (409/404 for cancel): 401/403 → transient, naming
    /// our credentials; 408/429/5xx → transient (already retried); other 4xx → rejected with the vendor's message.
    /// </summary>
    public static VendorResult FromStatus(VendorResponse response, VendorCredentialsMonitor credentials, ILogger logger)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            credentials.Refused(status);
            LogCredentialsRefused(logger, status);
            return VendorResult.TransientFailure($"the vendor refused our credentials (HTTP {status}): check Vendor:ApiKey; nothing was changed and the request is retried next run");
        }

        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return VendorResult.TransientFailure($"the vendor still refused after waiting as asked (HTTP {status}: {response.Message()})");
        }

        if (status >= 500)
        {
            return VendorResult.TransientFailure($"the vendor answered HTTP {status} after 2 retries ({response.Message()})");
        }

        return status >= 400 ? VendorResult.Rejected(response.Message()) : VendorResult.TransientFailure($"unexpected vendor answer HTTP {status}");
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "The vendor refused our credentials (HTTP {StatusCode}): check Vendor:ApiKey. The request stays pending; the customer is not affected")]
    private static partial void LogCredentialsRefused(ILogger logger, int statusCode);
}
