using System.Text;

namespace Connect.Fulfillment.Pipeline;

/// <summary>What one run of the pipeline did: counts per outcome and the result of every request.</summary>
public sealed class RunSummary
{
    private readonly int[] counts = new int[Enum.GetValues<RequestResultStatus>().Length];

    /// <summary>Creates a summary from per-request results.</summary>
    /// <param name="results">The results.</param>
    /// <param name="duration">How long the run took.</param>
    /// <param name="cancelled">Whether the run was cancelled before it had seen every request.</param>
    public RunSummary(IReadOnlyList<RequestResult> results, TimeSpan duration, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        Duration = duration;
        Cancelled = cancelled;
        foreach (var result in results)
        {
            counts[(int)result.Status]++;
        }
    }

    /// <summary>Every request handled in the run, in completion order.</summary>
    public IReadOnlyList<RequestResult> Results { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Whether the run was cancelled: requests not reached stay pending and are picked up by the next run.</summary>
    public bool Cancelled { get; }

    /// <summary>How many requests were approved.</summary>
    public int Approved => Count(RequestResultStatus.Approved);

    /// <summary>How many requests were failed.</summary>
    public int Failed => Count(RequestResultStatus.Failed);

    /// <summary>How many requests were moved to inquiring.</summary>
    public int Inquired => Count(RequestResultStatus.Inquired);

    /// <summary>How many requests were moved back to pending.</summary>
    public int Pended => Count(RequestResultStatus.Pended);

    /// <summary>How many requests were skipped.</summary>
    public int Skipped => Count(RequestResultStatus.Skipped);

    /// <summary>How many requests were left pending for a later run.</summary>
    public int RetryLater => Count(RequestResultStatus.RetryLater);

    /// <summary>How many requests ended with a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The count.</returns>
    public int Count(RequestResultStatus status) => counts[(int)status];

    /// <summary>The name used for a status in reports: <c>approved</c>, <c>failed</c>, <c>inquired</c>, <c>pended</c>, <c>skipped</c>, <c>retry-later</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string NameOf(RequestResultStatus status) => status switch
    {
        RequestResultStatus.Approved => "approved",
        RequestResultStatus.Failed => "failed",
        RequestResultStatus.Inquired => "inquired",
        RequestResultStatus.Pended => "pended",
        RequestResultStatus.Skipped => "skipped",
        RequestResultStatus.RetryLater => "retry-later",
        _ => status.ToString(),
    };

    /// <summary>One line per outcome (<c>approved: 230</c>), then one per request that did not end approved, with its reason.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var status in new[] { RequestResultStatus.Approved, RequestResultStatus.Failed, RequestResultStatus.Inquired, RequestResultStatus.Skipped, RequestResultStatus.RetryLater })
        {
            text.Append(NameOf(status)).Append(": ").Append(Count(status)).Append('\n');
        }

        if (Pended > 0)
        {
            text.Append("pended: ").Append(Pended).Append('\n');
        }

        foreach (var result in Results.Where(r => r.Status != RequestResultStatus.Approved))
        {
            text.Append(result.RequestId).Append(' ').Append(result.RequestType).Append(' ')
                .Append(NameOf(result.Status)).Append(": ").Append(result.Reason).Append('\n');
        }

        return text.ToString();
    }
}
