using System.Text;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Pipeline.Internal;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// What one run of the pipeline did: an exact count per outcome for every request handled, and the result of each
/// request that did not end approved (every request's, when <see cref="FulfillmentPipelineOptions.KeepApprovedResults"/>
/// is set or in a dry run).
/// </summary>
public sealed class RunSummary
{
    /// <summary>How many values <see cref="RequestResultStatus"/> has.</summary>
    internal static readonly int StatusCount = Enum.GetValues<RequestResultStatus>().Length;

    /// <summary>What a dry run checks and what it does not, said once in the report of a dry run.</summary>
    internal const string DryRunNote =
        "dry run: each handler decided from the request as listed; the request was not re-read, template names were not looked up, "
        + "the built-in vendor handlers did not call the vendor (handlers of your own must check IsDryRun), and nothing was written to Connect";

    private readonly int[] counts;

    /// <summary>Creates a summary that counts and holds the given per-request results.</summary>
    /// <param name="results">The results.</param>
    /// <param name="duration">How long the run took.</param>
    /// <param name="cancelled">Whether the run was cancelled before it had seen every request.</param>
    public RunSummary(IReadOnlyList<RequestResult> results, TimeSpan duration, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(results);
        counts = new int[StatusCount];
        foreach (var result in results)
        {
            counts[(int)result.Status]++;
        }

        Results = results;
        Duration = duration;
        Cancelled = cancelled;
    }

    /// <summary>Creates a summary from exact counts per status and the results that were kept.</summary>
    internal RunSummary(int[] counts, IReadOnlyList<RequestResult> results, TimeSpan duration, bool cancelled)
    {
        this.counts = counts;
        Results = results;
        Duration = duration;
        Cancelled = cancelled;
    }

    /// <summary>
    /// The results kept, in completion order: every request that did not end approved, and the approved ones too when
    /// <see cref="FulfillmentPipelineOptions.KeepApprovedResults"/> is set or the run was a dry run. The counts
    /// (<see cref="Total"/>, <see cref="Approved"/>, …) always cover every request.
    /// </summary>
    public IReadOnlyList<RequestResult> Results { get; }

    /// <summary>How many requests were handled in the run, whatever their outcome.</summary>
    public int Total => counts.Sum();

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

    /// <summary>
    /// How many listed requests were left untouched because they did not match the listing query (another product,
    /// environment, status or type than the pipeline asked for): a sign that the server ignored a filter.
    /// </summary>
    public int Ignored => Count(RequestResultStatus.Ignored);

    /// <summary>How many requests ended with a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The count.</returns>
    public int Count(RequestResultStatus status) => counts[(int)status];

    /// <summary>The name used for a status in reports: <c>approved</c>, <c>failed</c>, <c>inquired</c>, <c>pended</c>, <c>skipped</c>, <c>retry-later</c>, <c>ignored</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string NameOf(RequestResultStatus status) => OutcomeTable.WordOf(status);

    /// <summary>
    /// One line per request that did not end approved (every request, in a dry run), with its reason; then, for a dry run, what it did and did not
    /// check; then one line per outcome (<c>approved: 230</c>), last, so that the counts stay on screen however many
    /// requests were listed.
    /// </summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var result in Results.Where(r => r.Status != RequestResultStatus.Approved || r.IsDryRun))
        {
            // Ids, types and reasons come from the wire, a vendor or a handler: escaped, so that one result is always one line.
            text.Append(ConnectIds.Escape(result.RequestId)).Append(' ').Append(ConnectIds.Escape(result.RequestType)).Append(' ')
                .Append(NameOf(result.Status)).Append(": ").Append(MessageText.OneLine(result.Reason)).Append('\n');
        }

        if (Results.Any(r => r.IsDryRun))
        {
            text.Append(DryRunNote).Append('\n');
        }

        foreach (var status in OutcomeTable.ReportOrder)
        {
            text.Append(NameOf(status)).Append(": ").Append(Count(status)).Append('\n');
        }

        // Shown only when there are any, so that the report of a run against a well-behaved server keeps its lines.
        foreach (var status in (ReadOnlySpan<RequestResultStatus>)[RequestResultStatus.Pended, RequestResultStatus.Ignored])
        {
            if (Count(status) > 0)
            {
                text.Append(NameOf(status)).Append(": ").Append(Count(status)).Append('\n');
            }
        }

        return text.ToString();
    }
}
