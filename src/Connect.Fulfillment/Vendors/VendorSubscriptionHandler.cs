using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Vendors;

/// <summary>
/// The built-in handler of cancel, change, suspend and resume requests: reads the vendor subscription id from the
/// configured fulfillment parameter (missing or empty → fail, vendor not called), calls the adapter with the
/// request id as idempotency key, and maps its answer: done or already done → approve; not found or rejected →
/// fail with the vendor's message; transient failure or exception → retry later.
/// </summary>
internal sealed class VendorSubscriptionHandler(
    string action,
    Func<VendorSubscriptionContext, CancellationToken, Task<VendorResult>> callVendor,
    VendorHandlerOptions options) : IFulfillmentRequestHandler
{
    public async Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameter = options.SubscriptionIdParameter;
        if (!context.Request.TryGetNonEmptyParameterValue(ParameterPhase.Fulfillment, parameter, out var value) || value.Trim() is not { Length: > 0 } subscriptionId)
        {
            return RequestOutcome.Fail($"The fulfillment parameter '{parameter}' holding the vendor subscription id is missing or empty, so the {action} cannot be done.");
        }

        if (context.IsDryRun)
        {
            return RequestOutcome.Skip($"vendor {action} of subscription '{subscriptionId}' not called in a dry run; the request is approved when the vendor confirms it");
        }

        VendorResult result;
        try
        {
            result = await callVendor(new VendorSubscriptionContext(context.Request, subscriptionId, context.IdempotencyKey), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The vendor adapter returned no result.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return VendorOutcomes.FromException(ex, action, subscriptionId);
        }

        return VendorOutcomes.From(result, action, subscriptionId);
    }
}
