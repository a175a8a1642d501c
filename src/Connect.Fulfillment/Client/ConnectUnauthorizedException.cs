namespace Connect.Fulfillment;

/// <summary>Connect answered 401 or 403: the API key is wrong, revoked, or lacks the permission for this call.</summary>
public sealed class ConnectUnauthorizedException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    public ConnectUnauthorizedException()
        : this(new ConnectErrorDetails { StatusCode = 401 })
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectUnauthorizedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectUnauthorizedException(string message, Exception? innerException)
        : base(new ConnectErrorDetails { StatusCode = 401 }, message, innerException)
    {
    }

    /// <summary>Creates the exception from the call's details.</summary>
    /// <param name="details">The details.</param>
    public ConnectUnauthorizedException(ConnectErrorDetails details)
        : base(details, (details ?? throw new ArgumentNullException(nameof(details))).Describe() + " Check the API key and its permissions.")
    {
    }
}
