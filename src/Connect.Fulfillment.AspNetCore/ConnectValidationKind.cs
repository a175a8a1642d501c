namespace Connect.Fulfillment.AspNetCore;

/// <summary>
/// What a validation call asks about, read from the request it carries (object, status and type). Each kind answers one
/// group of Connect webhook types (<c>ns.Webhook.type</c>); validators are registered per kind.
/// </summary>
public enum ConnectValidationKind
{
    /// <summary>A purchase request in <c>draft</c>: webhook type <c>validator</c> ("Draft fulfillment request validations").</summary>
    DraftPurchase,

    /// <summary>A change request in <c>draft</c>: webhook type <c>change_validator</c>.</summary>
    DraftChange,

    /// <summary>A renew request in <c>draft</c>: webhook type <c>renew_validator</c>.</summary>
    DraftRenew,

    /// <summary>A transfer request in <c>draft</c>: webhook type <c>transfer_validator</c>.</summary>
    DraftTransfer,

    /// <summary>
    /// A fulfillment request of any type in <c>inquiring</c>, whose form the customer is filling in: webhook types
    /// <c>inquiring_validator</c>, <c>change_inquiring_validator</c>, <c>renew_inquiring_validator</c>,
    /// <c>transfer_inquiring_validator</c>.
    /// </summary>
    InquiringForm,

    /// <summary>
    /// A tier configuration request in <c>draft</c>: webhook types <c>draft_tcr_t1_val</c>, <c>draft_tcr_t2_val</c>,
    /// <c>tcr_update_t1_validator</c>, <c>tcr_update_t2_validator</c>.
    /// </summary>
    DraftTierConfiguration,

    /// <summary>
    /// A tier configuration request in <c>inquiring</c>: webhook types <c>tcr_setup_t1_inq_val</c>,
    /// <c>tcr_setup_t2_inq_val</c>, <c>tcr_update_t1_inq_val</c>, <c>tcr_update_t2_inq_val</c>.
    /// </summary>
    InquiringTierConfiguration,
}
