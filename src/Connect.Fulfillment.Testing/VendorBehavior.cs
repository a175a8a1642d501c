namespace Connect.Fulfillment.Testing;

/// <summary>How the fake vendor answers calls about one subscription (cancel, change, suspend, resume) or one asset (create).</summary>
public sealed class VendorBehavior
{
    private VendorBehavior(VendorBehaviorKind kind) => Kind = kind;

    /// <summary>Gets the kind of behaviour.</summary>
    public VendorBehaviorKind Kind { get; }

    /// <summary>Gets the HTTP status used by failures.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets how many calls fail before the call succeeds, or null to fail every time.</summary>
    public int? Times { get; private init; }

    /// <summary>Gets the delay for <see cref="VendorBehaviorKind.Slow"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Gets the Retry-After seconds for <see cref="VendorBehaviorKind.RateLimited"/>.</summary>
    public int RetryAfterSeconds { get; private init; }

    /// <summary>Gets the message for <see cref="VendorBehaviorKind.NotFound"/> and <see cref="VendorBehaviorKind.Rejected"/>.</summary>
    public string Message { get; private init; } = string.Empty;

    /// <summary>Gets the normal behaviour.</summary>
    public static VendorBehavior Ok { get; } = new(VendorBehaviorKind.Ok);

    /// <summary>Answers 404 <c>{"message":…}</c>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior NotFound(string message = "Subscription not found.") => new(VendorBehaviorKind.NotFound) { StatusCode = 404, Message = message };

    /// <summary>Answers 409: the subscription is already cancelled.</summary>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior AlreadyCancelled() => new(VendorBehaviorKind.AlreadyCancelled) { StatusCode = 409, Message = "Subscription is already cancelled." };

    /// <summary>Answers a 5xx error, every time or the first <paramref name="times"/> times and then succeeds.</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="times">How many calls fail, or null for all.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Failure(int statusCode = 500, int? times = null) => new(VendorBehaviorKind.Failure) { StatusCode = statusCode, Times = times, Message = "Vendor internal error." };

    /// <summary>Delays the answer, then succeeds.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Slow(TimeSpan delay) => new(VendorBehaviorKind.Slow) { Delay = delay };

    /// <summary>Answers 429 with Retry-After, every time or the first <paramref name="times"/> times.</summary>
    /// <param name="retryAfterSeconds">The Retry-After value.</param>
    /// <param name="times">How many calls are limited, or null for all.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior RateLimited(int retryAfterSeconds = 1, int? times = null) => new(VendorBehaviorKind.RateLimited) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, Times = times, Message = "Too many requests." };

    /// <summary>Answers 422 <c>{"message":…}</c>: the vendor refuses the operation.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Rejected(string message = "The operation was rejected.") => new(VendorBehaviorKind.Rejected) { StatusCode = 422, Message = message };
}
