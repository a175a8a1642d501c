namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// A run stopped early because Connect could not be listed (credentials refused, unreachable after retries, an
/// unreadable page). Requests in progress were finished first; <see cref="Summary"/> reports them, and the cause is
/// the <see cref="Exception.InnerException"/> (a <see cref="ConnectApiException"/>).
/// </summary>
public sealed class FulfillmentRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FulfillmentRunException()
        : this("The fulfillment run stopped early.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FulfillmentRunException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FulfillmentRunException(string message, Exception? innerException)
        : this(new RunSummary([], TimeSpan.Zero, false), message, innerException)
    {
    }

    /// <summary>Creates the exception with what the run did before it stopped.</summary>
    /// <param name="summary">The partial summary.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FulfillmentRunException(RunSummary summary, string message, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Summary = summary;
    }

    /// <summary>What the run did before it stopped.</summary>
    public RunSummary Summary { get; }
}
