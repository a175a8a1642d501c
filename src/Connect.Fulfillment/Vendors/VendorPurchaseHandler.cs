using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Vendors;

/// <summary>
/// The built-in handler of purchase requests: when the configured fulfillment parameter already holds a vendor id
/// (an earlier run created the subscription) it approves without creating again; otherwise it asks the adapter to
/// create the subscription (idempotency key: the request id), stores the returned id in the parameter and approves.
/// </summary>
internal sealed class VendorPurchaseHandler(IVendorPurchaseAdapter adapter, VendorHandlerOptions options) : IFulfillmentRequestHandler
{
    public async Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameter = options.SubscriptionIdParameter;
        if (context.Request.TryGetNonEmptyParameterValue(ParameterPhase.Fulfillment, parameter, out _))
        {
            return RequestOutcome.Approve();
        }

        if (context.IsDryRun)
        {
            return RequestOutcome.Skip("vendor subscription not created in a dry run; the request is approved when the vendor creates it");
        }

        VendorResult result;
        try
        {
            result = await adapter.CreateAsync(new VendorPurchaseContext(context.Request, context.IdempotencyKey), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The vendor adapter returned no result.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return VendorOutcomes.FromException(ex, "purchase", null);
        }

        if (result.Kind == VendorResultKind.Succeeded && string.IsNullOrWhiteSpace(result.ExternalId))
        {
            return RequestOutcome.RetryLater("the vendor created the subscription but returned no id to store; the request is retried with the same idempotency key");
        }

        // The vendor's id travels with the outcome, so it is written before the transition whatever the outcome is.
        var outcome = VendorOutcomes.From(result, "purchase", null);
        return result.ExternalId is { } externalId ? outcome.WithParameter(parameter, externalId) : outcome;
    }
}
