namespace Connect.Fulfillment.Testing;

/// <summary>The kinds of <see cref="VendorBehavior"/>.</summary>
public enum VendorBehaviorKind
{
    /// <summary>Normal processing.</summary>
    Ok,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409.</summary>
    AlreadyCancelled,

    /// <summary>5xx, always or N times.</summary>
    Failure,

    /// <summary>Delay then normal processing.</summary>
    Slow,

    /// <summary>429 with Retry-After.</summary>
    RateLimited,

    /// <summary>422.</summary>
    Rejected,
}
