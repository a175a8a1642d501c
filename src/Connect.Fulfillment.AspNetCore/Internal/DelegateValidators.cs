namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>A fulfillment validator written as a delegate.</summary>
internal sealed class DelegateFulfillmentValidator(Func<FulfillmentValidationContext, CancellationToken, Task> validate) : IFulfillmentRequestValidator
{
    public Task ValidateAsync(FulfillmentValidationContext context, CancellationToken cancellationToken = default) => validate(context, cancellationToken);
}

/// <summary>A tier configuration validator written as a delegate.</summary>
internal sealed class DelegateTierConfigValidator(Func<TierConfigValidationContext, CancellationToken, Task> validate) : ITierConfigRequestValidator
{
    public Task ValidateAsync(TierConfigValidationContext context, CancellationToken cancellationToken = default) => validate(context, cancellationToken);
}
