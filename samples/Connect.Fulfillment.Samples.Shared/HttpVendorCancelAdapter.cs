using System.Net;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Cancels the vendor subscription with <c>POST {Vendor:BaseUrl}/subscriptions/{externalId}/cancel</c> (empty body,
/// <c>Idempotency-Key</c> = the Connect request id). 2xx → done; 409 → already cancelled; 404 → not found; 401/403 →
/// a transient failure naming our vendor credentials (never the customer's fault); 408/429 → retried after
/// <c>Retry-After</c>, then a transient failure; other 4xx → rejected with the vendor's message; 5xx, timeouts and
/// connection errors → retried twice (see <see cref="VendorApi"/>), then a transient failure.
/// </summary>
public sealed partial class HttpVendorCancelAdapter(VendorApi vendor, VendorCredentialsMonitor credentials, ILogger<HttpVendorCancelAdapter> logger) : IVendorCancelAdapter
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
            _ => VendorFailures.FromStatus(response, credentials, logger),
        };
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Vendor answered {StatusCode} to the cancel of subscription {SubscriptionId}")]
    private static partial void LogAnswer(ILogger logger, string subscriptionId, int statusCode);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Cancel of vendor subscription {SubscriptionId} failed after retries ({Error}); left for a later run")]
    private static partial void LogTransient(ILogger logger, string subscriptionId, string error);
}
