namespace Connect.Fulfillment.Vendors;

/// <summary>The answer of a vendor adapter, turned into a request outcome by the built-in handlers.</summary>
public sealed record VendorResult
{
    private VendorResult(VendorResultKind kind, string? message, string? externalId)
    {
        Kind = kind;
        Message = message;
        ExternalId = externalId;
    }

    /// <summary>How the vendor answered.</summary>
    public VendorResultKind Kind { get; }

    /// <summary>The vendor's message; shown to the customer when the request is failed.</summary>
    public string? Message { get; }

    /// <summary>The vendor's id of a created subscription (purchase).</summary>
    public string? ExternalId { get; }

    /// <summary>The action was done.</summary>
    /// <param name="message">An optional message.</param>
    /// <returns>The result.</returns>
    public static VendorResult Success(string? message = null) => new(VendorResultKind.Succeeded, message, null);

    /// <summary>A subscription was created with this vendor id (purchase).</summary>
    /// <param name="externalId">The vendor's subscription id, stored in the request's fulfillment parameter.</param>
    /// <returns>The result.</returns>
    public static VendorResult Created(string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        return new(VendorResultKind.Succeeded, null, externalId);
    }

    /// <summary>Nothing to do: already in the wanted state (for example already cancelled).</summary>
    /// <param name="message">An optional message.</param>
    /// <returns>The result.</returns>
    public static VendorResult AlreadyDone(string? message = null) => new(VendorResultKind.AlreadyDone, message, null);

    /// <summary>The vendor does not know the subscription.</summary>
    /// <param name="message">The vendor's message.</param>
    /// <returns>The result.</returns>
    public static VendorResult NotFound(string message) => new(VendorResultKind.NotFound, Require(message), null);

    /// <summary>The vendor refused for good.</summary>
    /// <param name="message">The vendor's message, shown to the customer.</param>
    /// <returns>The result.</returns>
    public static VendorResult Rejected(string message) => new(VendorResultKind.Rejected, Require(message), null);

    /// <summary>A temporary problem; try again in a later run (with the same idempotency key).</summary>
    /// <param name="message">What went wrong.</param>
    /// <returns>The result.</returns>
    public static VendorResult TransientFailure(string message) => new(VendorResultKind.TransientFailure, Require(message), null);

    private static string Require(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return message;
    }
}
