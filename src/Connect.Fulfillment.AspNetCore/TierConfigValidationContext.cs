using Connect.Fulfillment.AspNetCore.Internal;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>A tier configuration request under validation, with the helpers that mark its parameters (<c>params</c>).</summary>
public sealed class TierConfigValidationContext : ConnectValidationContext
{
    /// <summary>Creates a context; the endpoint does this for every call, and tests of a validator may too.</summary>
    /// <param name="kind">The kind of validation (<see cref="ConnectValidationKind.DraftTierConfiguration"/> or <see cref="ConnectValidationKind.InquiringTierConfiguration"/>).</param>
    /// <param name="request">The request as Connect sent it.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is a fulfillment kind.</exception>
    public TierConfigValidationContext(ConnectValidationKind kind, TierConfigRequest request)
        : base(kind, request)
    {
        if (!ConnectValidationKinds.IsTierConfiguration(kind))
        {
            throw new ArgumentException($"{kind} is a fulfillment kind; use {nameof(FulfillmentValidationContext)}.", nameof(kind));
        }

        Request = request;
    }

    /// <summary>The request as Connect sent it; the helpers record changes beside it and never change it.</summary>
    public TierConfigRequest Request { get; }
}
