namespace Connect.Fulfillment;

/// <summary>Connect answered 404: the object does not exist or is not visible to this account.</summary>
public sealed class ConnectNotFoundException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    public ConnectNotFoundException()
        : this(new ConnectErrorDetails { StatusCode = 404 })
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectNotFoundException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectNotFoundException(string message, Exception? innerException)
        : base(new ConnectErrorDetails { StatusCode = 404 }, message, innerException)
    {
    }

    /// <summary>Creates the exception from the call's details.</summary>
    /// <param name="details">The details.</param>
    public ConnectNotFoundException(ConnectErrorDetails details)
        : base(details)
    {
    }
}
