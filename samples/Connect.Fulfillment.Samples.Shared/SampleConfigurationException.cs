namespace Connect.Fulfillment.Samples;

/// <summary>A configuration key of the sample hosts is missing or invalid. The message is one line naming the key.</summary>
public sealed class SampleConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SampleConfigurationException()
        : this("The configuration is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SampleConfigurationException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SampleConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    /// <summary>Creates the exception for a key.</summary>
    /// <param name="key">The configuration key, for example <c>Connect:Endpoint</c>.</param>
    /// <param name="message">One line naming the key.</param>
    public SampleConfigurationException(string key, string message)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The configuration key at fault.</summary>
    public string Key { get; }
}
