namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Collects the results of one run: an exact count per status for every request, and the results themselves only for
/// requests that did not end approved (or for every request when asked), so that a run's memory does not grow with
/// the number of approved requests. Thread-safe.
/// </summary>
/// <param name="keepApproved">Whether approved results are kept too.</param>
internal sealed class RunResults(bool keepApproved)
{
    private readonly int[] counts = new int[RunSummary.StatusCount];
    private readonly List<RequestResult> kept = [];
#if NET9_0_OR_GREATER
    private readonly Lock gate = new();
#else
    private readonly object gate = new();
#endif

    public void Add(RequestResult result)
    {
        lock (gate)
        {
            counts[(int)result.Status]++;
            if (keepApproved || result.Status != RequestResultStatus.Approved)
            {
                kept.Add(result);
            }
        }
    }

    public RunSummary ToSummary(TimeSpan duration, bool cancelled)
    {
        lock (gate)
        {
            return new RunSummary([.. counts], [.. kept], duration, cancelled);
        }
    }
}
