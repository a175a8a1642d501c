namespace Connect.Fulfillment.Vendors;

/// <summary>How a vendor system answered an action.</summary>
public enum VendorResultKind
{
    /// <summary>Done (cancelled, created, changed, suspended, resumed). The request is approved.</summary>
    Succeeded,

    /// <summary>Already in the wanted state (for example already cancelled). The request is approved.</summary>
    AlreadyDone,

    /// <summary>The vendor does not know the subscription. The request is failed with the message.</summary>
    NotFound,

    /// <summary>The vendor refused the action for good. The request is failed with the message.</summary>
    Rejected,

    /// <summary>A temporary problem (timeout, 5xx, rate limit). The request stays pending for a later run.</summary>
    TransientFailure,
}
