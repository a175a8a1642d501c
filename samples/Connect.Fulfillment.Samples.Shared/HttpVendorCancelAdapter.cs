using System.Net;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Cancels the vendor subscription with <c>POST {Vendor:BaseUrl}/subscriptions/{externalId}/cancel</c> (empty body,
/// <c>Idempotency-Key</c> = the Connect request id). 2xx → done; 409 → already cancelled; 404 → not found; 408/429 →
/// retried after <c>Retry-After</c>, then a transient failure; other 4xx → rejected with the vendor's message;
/// 5xx, timeouts and connection errors → retried twice (see <see cref="VendorApi"/>), then a transient failure.
/// </summary>
public sealed partial class HttpVendorCancelAdapter(VendorApi vendor, ILogger<HttpVendorCancelAdapter> logger) : IVendorCancelAdapter
{
    /// <inheritdoc />
    public async Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subscriptionId = context.ExternalSubscriptionId;
        VendorResponse response;
        try
        {
            response = await vendor.CancelAsync(subscriptionId, context.IdempotencyKey, cancellationToken);
        }
        catch (Exception ex) when (VendorFailures.IsTransient(ex, cancellationToken))
        {
            LogTransient(logger, subscriptionId, ex.GetType().Name);
            return VendorResult.TransientFailure($"the vendor could not be reached after 2 retries ({VendorFailures.Describe(ex)})");
        }

        LogAnswer(logger, subscriptionId, (int)response.StatusCode);
        return response.StatusCode switch
        {
            _ when response.IsSuccess => VendorResult.Success(),
            HttpStatusCode.Conflict => VendorResult.AlreadyDone($"subscription '{subscriptionId}' was already cancelled"),
            HttpStatusCode.NotFound => VendorResult.NotFound($"the vendor has no subscription '{subscriptionId}' ({response.Message()})"),
            _ => VendorFailures.FromStatus(response),
        };
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Vendor answered {StatusCode} to the cancel of subscription {SubscriptionId}")]
    private static partial void LogAnswer(ILogger logger, string subscriptionId, int statusCode);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Cancel of vendor subscription {SubscriptionId} failed after retries ({Error}); left for a later run")]
    private static partial void LogTransient(ILogger logger, string subscriptionId, string error);
}

/// <summary>Shared mapping of vendor failures.</summary>
internal static class VendorFailures
{
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or TimeoutRejectedException or TaskCanceledException or IOException;

    public static string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException or TaskCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => $"connection error: {error}",
        _ => exception.GetType().Name,
    };

    /// <summary>Maps a non-2xx answer other than the operation-specific ones (409/404 for cancel).</summary>
    public static VendorResult FromStatus(VendorResponse response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return VendorResult.TransientFailure($"the vendor still refused after waiting as asked (HTTP {status}: {response.Message()})");
        }

        if (status >= 500)
        {
            return VendorResult.TransientFailure($"the vendor answered HTTP {status} after 2 retries ({response.Message()})");
        }

        if (status >= 400)
        {
            return VendorResult.Rejected(response.Message());
        }

        return VendorResult.TransientFailure($"unexpected vendor answer HTTP {status}");
    }
}
