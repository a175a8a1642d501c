namespace Connect.Fulfillment;

/// <summary>Connect answered 429 and retries were exhausted or the requested wait was too long. The call was not processed.</summary>
public sealed class ConnectRateLimitedException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    public ConnectRateLimitedException()
        : this(new ConnectErrorDetails { StatusCode = 429 }, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectRateLimitedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectRateLimitedException(string message, Exception? innerException)
        : base(new ConnectErrorDetails { StatusCode = 429 }, message, innerException)
    {
    }

    /// <summary>Creates the exception from the call's details and the server's requested wait.</summary>
    /// <param name="details">The details.</param>
    /// <param name="retryAfter">The wait from <c>Retry-After</c>, if sent.</param>
    public ConnectRateLimitedException(ConnectErrorDetails details, TimeSpan? retryAfter)
        : base(details)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long Connect asked to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
