using System.Text.Json;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Creates the vendor subscription with <c>POST {Vendor:BaseUrl}/subscriptions</c> and body
/// <c>{"asset_id", "product_id", "items": [{"mpn", "quantity"}]}</c> (items with a quantity above zero),
/// <c>Idempotency-Key</c> = the Connect request id. 200/201 <c>{"id"}</c> → created; 401/403/408/429/5xx/timeouts → as
/// for cancel; other 4xx → rejected with the vendor's message.
/// </summary>
public sealed partial class HttpVendorPurchaseAdapter(VendorApi vendor, VendorCredentialsMonitor credentials, ILogger<HttpVendorPurchaseAdapter> logger) : IVendorPurchaseAdapter
{
    /// <inheritdoc />
    public async Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var assetId = context.Asset?.Id;
        var productId = context.Asset?.Product?.Id ?? context.Request.Asset?.Product?.Id;
        if (string.IsNullOrWhiteSpace(assetId) || string.IsNullOrWhiteSpace(productId))
        {
            return VendorResult.Rejected("The request has no asset or product id, so the vendor subscription cannot be created.");
        }

        var items = context.Items
            .Where(i => !string.IsNullOrWhiteSpace(i.Mpn))
            .Select(i => new SubscriptionItem(i.Mpn!, i.QuantityValue))
            .ToList();
        var body = new CreateSubscriptionBody(assetId, productId, items);
        VendorResponse response;
        try
        {
            response = await vendor.CreateAsync(body, context.IdempotencyKey, cancellationToken);
        }
        catch (Exception ex) when (VendorFailures.IsTransient(ex, cancellationToken))
        {
            LogTransient(logger, assetId, ex.GetType().Name);
            return VendorResult.TransientFailure($"the vendor could not be reached after 2 retries ({VendorFailures.Describe(ex)})");
        }

        LogAnswer(logger, assetId, (int)response.StatusCode);
        if (!response.IsSuccess)
        {
            return VendorFailures.FromStatus(response, credentials, logger);
        }

        string? id;
        try
        {
            id = JsonSerializer.Deserialize(response.Body, VendorJsonContext.Default.CreatedSubscription)?.Id;
        }
        catch (JsonException)
        {
            id = null;
        }

        return string.IsNullOrWhiteSpace(id)
            ? VendorResult.TransientFailure("the vendor accepted the creation but returned no subscription id; retried with the same idempotency key")
            : VendorResult.Created(id);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Vendor answered {StatusCode} to the creation for asset {AssetId}")]
    private static partial void LogAnswer(ILogger logger, string assetId, int statusCode);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Creation of the vendor subscription for asset {AssetId} failed after retries ({Error}); left for a later run")]
    private static partial void LogTransient(ILogger logger, string assetId, string error);
}
