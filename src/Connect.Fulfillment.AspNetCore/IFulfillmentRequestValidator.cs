namespace Connect.Fulfillment.AspNetCore;

/// <summary>
/// Validates a fulfillment request that Connect sends to the validation webhook (a draft, or an inquiring form): it
/// reads <see cref="FulfillmentValidationContext.Request"/> and marks parameters with
/// <see cref="ConnectValidationContext.SetError(string, string)"/> or <see cref="ConnectValidationContext.ClearError(string)"/>.
/// Created from DI for every call (register it with <c>AddFulfillmentValidator</c>).
/// </summary>
public interface IFulfillmentRequestValidator
{
    /// <summary>Validates the request.</summary>
    /// <param name="context">The request and the helpers that record errors.</param>
    /// <param name="cancellationToken">Cancelled when <see cref="ConnectWebhookOptions.ValidatorTimeout"/> passes or the caller goes away.</param>
    /// <returns>A task that completes when the request is validated.</returns>
    Task ValidateAsync(FulfillmentValidationContext context, CancellationToken cancellationToken = default);
}
