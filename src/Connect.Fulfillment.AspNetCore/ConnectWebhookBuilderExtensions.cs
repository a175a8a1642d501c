using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.AspNetCore.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers validators per <see cref="ConnectValidationKind"/>. Several validators of one kind all run, in the order
/// registered, on the same context.
/// </summary>
public static class ConnectWebhookBuilderExtensions
{
    /// <summary>Registers a fulfillment request validator, created from DI for every call, for one or more kinds.</summary>
    /// <typeparam name="TValidator">The validator type; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="kinds">The fulfillment kinds it validates, for example <see cref="ConnectValidationKind.DraftPurchase"/>; at least one.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No kind, or a tier configuration kind, is given.</exception>
    public static ConnectWebhookBuilder AddFulfillmentValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this ConnectWebhookBuilder builder, params ConnectValidationKind[] kinds)
        where TValidator : class, IFulfillmentRequestValidator
    {
        ArgumentNullException.ThrowIfNull(builder);
        Check(kinds, tierConfiguration: false);
        builder.Services.TryAddTransient<TValidator>();
        return builder.Register(registry =>
        {
            foreach (var kind in kinds)
            {
                registry.Add(kind, provider => provider.GetRequiredService<TValidator>());
            }
        });
    }

    /// <summary>Registers a fulfillment request validator written as a delegate, for one kind.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="kind">The fulfillment kind it validates.</param>
    /// <param name="validate">The validation.</param>
    /// <returns>The builder.</returns>
    public static ConnectWebhookBuilder AddFulfillmentValidator(this ConnectWebhookBuilder builder, ConnectValidationKind kind, Func<FulfillmentValidationContext, CancellationToken, Task> validate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(validate);
        Check([kind], tierConfiguration: false);
        var validator = new DelegateFulfillmentValidator(validate);
        return builder.Register(registry => registry.Add(kind, _ => validator));
    }

    /// <summary>Registers a tier configuration request validator, created from DI for every call, for one or both kinds.</summary>
    /// <typeparam name="TValidator">The validator type; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="kinds"><see cref="ConnectValidationKind.DraftTierConfiguration"/> and/or <see cref="ConnectValidationKind.InquiringTierConfiguration"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No kind, or a fulfillment kind, is given.</exception>
    public static ConnectWebhookBuilder AddTierConfigValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this ConnectWebhookBuilder builder, params ConnectValidationKind[] kinds)
        where TValidator : class, ITierConfigRequestValidator
    {
        ArgumentNullException.ThrowIfNull(builder);
        Check(kinds, tierConfiguration: true);
        builder.Services.TryAddTransient<TValidator>();
        return builder.Register(registry =>
        {
            foreach (var kind in kinds)
            {
                registry.Add(kind, provider => provider.GetRequiredService<TValidator>());
            }
        });
    }

    /// <summary>Registers a tier configuration request validator written as a delegate, for one kind.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="kind">The tier configuration kind it validates.</param>
    /// <param name="validate">The validation.</param>
    /// <returns>The builder.</returns>
    public static ConnectWebhookBuilder AddTierConfigValidator(this ConnectWebhookBuilder builder, ConnectValidationKind kind, Func<TierConfigValidationContext, CancellationToken, Task> validate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(validate);
        Check([kind], tierConfiguration: true);
        var validator = new DelegateTierConfigValidator(validate);
        return builder.Register(registry => registry.Add(kind, _ => validator));
    }

    private static ConnectWebhookBuilder Register(this ConnectWebhookBuilder builder, Action<ValidatorRegistry> add)
    {
        builder.Services.Configure(add);
        return builder;
    }

    private static void Check(ConnectValidationKind[] kinds, bool tierConfiguration)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Length == 0)
        {
            throw new ArgumentException("Name at least one validation kind.", nameof(kinds));
        }

        foreach (var kind in kinds)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, "Not a validation kind.");
            }

            if (ConnectValidationKinds.IsTierConfiguration(kind) != tierConfiguration)
            {
                throw new ArgumentException(tierConfiguration
                    ? $"{kind} is a fulfillment kind; register an {nameof(IFulfillmentRequestValidator)} for it."
                    : $"{kind} is a tier configuration kind; register an {nameof(ITierConfigRequestValidator)} for it.", nameof(kinds));
            }
        }
    }
}
