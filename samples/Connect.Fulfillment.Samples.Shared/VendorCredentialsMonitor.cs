namespace Connect.Fulfillment.Samples;

/// <summary>
/// Counts the vendor's refusals of our credentials (HTTP 401/403) during a run, so that the host can say so loudly
/// and exit with its own code: a wrong or rotated vendor key is ours to fix, never the customer's fault.
/// </summary>
public sealed class VendorCredentialsMonitor
{
    private int refusals;
    private int lastStatus;

    /// <summary>How many vendor calls were refused for our credentials.</summary>
    public int Refusals => Volatile.Read(ref refusals);

    /// <summary>The HTTP status of the last refusal (401 or 403), 0 when none.</summary>
    public int LastStatus => Volatile.Read(ref lastStatus);

    /// <summary>Records a refusal.</summary>
    /// <param name="status">The HTTP status.</param>
    public void Refused(int status)
    {
        Volatile.Write(ref lastStatus, status);
        Interlocked.Increment(ref refusals);
    }
}
