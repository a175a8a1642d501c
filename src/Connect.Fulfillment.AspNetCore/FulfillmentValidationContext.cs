using Connect.Fulfillment.AspNetCore.Internal;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>A fulfillment request under validation, with the helpers that mark its parameters (<c>asset.params</c>).</summary>
public sealed class FulfillmentValidationContext : ConnectValidationContext
{
    /// <summary>Creates a context; the endpoint does this for every call, and tests of a validator may too.</summary>
    /// <param name="kind">The kind of validation (a draft or inquiring fulfillment kind).</param>
    /// <param name="request">The request as Connect sent it.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is a tier configuration kind.</exception>
    public FulfillmentValidationContext(ConnectValidationKind kind, FulfillmentRequest request)
        : base(kind, request)
    {
        if (ConnectValidationKinds.IsTierConfiguration(kind))
        {
            throw new ArgumentException($"{kind} is a tier configuration kind; use {nameof(TierConfigValidationContext)}.", nameof(kind));
        }

        Request = request;
    }

    /// <summary>The request as Connect sent it; the helpers record changes beside it and never change it.</summary>
    public FulfillmentRequest Request { get; }
}
