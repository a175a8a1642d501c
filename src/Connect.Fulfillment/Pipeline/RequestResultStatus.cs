namespace Connect.Fulfillment.Pipeline;

/// <summary>How a request ended in a run, as reported in the <see cref="RunSummary"/>.</summary>
public enum RequestResultStatus
{
    /// <summary>Approved in Connect (or already approved when re-read).</summary>
    Approved,

    /// <summary>Failed in Connect.</summary>
    Failed,

    /// <summary>Moved to inquiring.</summary>
    Inquired,

    /// <summary>Moved back to pending.</summary>
    Pended,

    /// <summary>Left untouched: no handler, the handler skipped it, or its status changed meanwhile.</summary>
    Skipped,

    /// <summary>Left pending for a later run: a transient problem, an exception or a lost answer.</summary>
    RetryLater,

    /// <summary>
    /// Left untouched because Connect listed it although it does not match what the pipeline asked for (another
    /// product, environment, status or type): no handler ran, nothing was called for it. The reason says which.
    /// </summary>
    Ignored,
}
