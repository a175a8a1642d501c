using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>Reads the validation kind from a request's status and type.</summary>
internal static class ConnectValidationKinds
{
    public static bool IsTierConfiguration(ConnectValidationKind kind)
        => kind is ConnectValidationKind.DraftTierConfiguration or ConnectValidationKind.InquiringTierConfiguration;

    /// <summary>The kind of a fulfillment request; null for a status or type that Connect does not validate.</summary>
    public static ConnectValidationKind? Of(FulfillmentRequest request)
    {
        if (request.Status == RequestStatus.Inquiring)
        {
            return ConnectValidationKind.InquiringForm;
        }

        if (request.Status != RequestStatus.Draft)
        {
            return null;
        }

        return request.Type.ToString() switch
        {
            "purchase" => ConnectValidationKind.DraftPurchase,
            "change" => ConnectValidationKind.DraftChange,
            "renew" => ConnectValidationKind.DraftRenew,
            "transfer" => ConnectValidationKind.DraftTransfer,
            _ => null,
        };
    }

    /// <summary>The kind of a tier configuration request; null for a status that Connect does not validate.</summary>
    public static ConnectValidationKind? Of(TierConfigRequest request)
        => request.Status == RequestStatus.Draft ? ConnectValidationKind.DraftTierConfiguration
            : request.Status == RequestStatus.Inquiring ? ConnectValidationKind.InquiringTierConfiguration
            : null;
}
