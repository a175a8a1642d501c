namespace Connect.Fulfillment.Pipeline;

/// <summary>What a handler decided for a request.</summary>
public enum OutcomeKind
{
    /// <summary>Approve the request with an activation template or tile.</summary>
    Approve,

    /// <summary>Fail the request with a reason shown to the customer.</summary>
    Fail,

    /// <summary>Ask the customer to correct parameters marked with <c>value_error</c>.</summary>
    Inquire,

    /// <summary>Move an inquiring request back to pending.</summary>
    Pend,

    /// <summary>Leave the request as it is; it is not this processor's to act on now.</summary>
    Skip,

    /// <summary>Leave the request pending and try again in a later run (a transient problem).</summary>
    RetryLater,
}
