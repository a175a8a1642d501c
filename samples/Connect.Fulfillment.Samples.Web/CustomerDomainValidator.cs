using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Samples.Web;

/// <summary>
/// Validates the ordering parameter <c>customer_domain</c> of a draft purchase: a value that is not a DNS name
/// (<see cref="DnsName"/>) gets a <c>value_error</c> saying why; a valid value clears an error left by an earlier
/// validation. A request without the parameter is answered unchanged: the product does not ask for a domain.
/// </summary>
internal sealed class CustomerDomainValidator : IFulfillmentRequestValidator
{
    /// <summary>The parameter validated.</summary>
    public const string ParameterId = "customer_domain";

    /// <inheritdoc />
    public Task ValidateAsync(FulfillmentValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.FindParameter(ParameterPhase.Ordering, ParameterId) is not { Id: not null } domain)
        {
            return Task.CompletedTask;
        }

        if (DnsName.Problem(domain.Value) is { } problem)
        {
            context.SetError(domain, problem);
        }
        else if (context.GetError(domain.Id).Length > 0)
        {
            // Only an error is cleared: a valid value without one goes back untouched.
            context.ClearError(domain);
        }

        return Task.CompletedTask;
    }
}
