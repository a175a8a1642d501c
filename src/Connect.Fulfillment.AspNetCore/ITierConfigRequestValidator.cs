namespace Connect.Fulfillment.AspNetCore;

/// <summary>
/// Validates a tier configuration request that Connect sends to the validation webhook (a draft or an inquiring
/// one). Created from DI for every call (register it with <c>AddTierConfigValidator</c>).
/// </summary>
public interface ITierConfigRequestValidator
{
    /// <summary>Validates the request.</summary>
    /// <param name="context">The request and the helpers that record errors.</param>
    /// <param name="cancellationToken">Cancelled when <see cref="ConnectWebhookOptions.ValidatorTimeout"/> passes or the caller goes away.</param>
    /// <returns>A task that completes when the request is validated.</returns>
    Task ValidateAsync(TierConfigValidationContext context, CancellationToken cancellationToken = default);
}
