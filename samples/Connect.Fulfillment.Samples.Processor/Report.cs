using System.Text;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>The summary printed on stdout.</summary>
internal static class Report
{
    private static readonly RequestResultStatus[] Order =
        [RequestResultStatus.Approved, RequestResultStatus.Failed, RequestResultStatus.Inquired, RequestResultStatus.Skipped, RequestResultStatus.RetryLater];

    /// <summary>What a dry run of this processor checked and what it did not, said once after the per-request lines.</summary>
    public const string DryRunNote =
        "dry run: checked the configuration, the Connect credentials, the listing and each handler's decision; "
        + "not checked: the vendor (not called, so its key and subscriptions are unverified), the activation template (not looked up); "
        + "nothing was written to Connect";

    /// <summary>
    /// One line per request that did not end approved, with its reason (grouped by status, then id). Ids, types and
    /// reasons come from the wire, the vendor or a handler: the keys are masked and each line is escaped, so no value
    /// can forge a line or a terminal escape.
    /// </summary>
    public static string FormatDetails(RunSummary summary, SecretMask secrets)
    {
        var text = new StringBuilder();
        var rank = Order.Append(RequestResultStatus.Pended).Append(RequestResultStatus.Ignored).ToList();
        foreach (var result in summary.Results
            .Where(r => r.Status != RequestResultStatus.Approved)
            .OrderBy(r => rank.IndexOf(r.Status))
            .ThenBy(r => r.RequestId, StringComparer.Ordinal))
        {
            text.Append(secrets.Clean(result.RequestId)).Append(' ').Append(secrets.Clean(result.RequestType)).Append(' ')
                .Append(RunSummary.NameOf(result.Status)).Append(": ").Append(OneLine(result.Reason, secrets)).Append('\n');
        }

        if (summary.Results.Any(r => r.IsDryRun))
        {
            text.Append(DryRunNote).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>approved: N</c>, <c>failed: N</c>, <c>inquired: N</c>, <c>skipped: N</c>, <c>retry-later: N</c> (and
    /// <c>pended: N</c>, <c>ignored: N</c> when any): printed last, so the counts stay on screen however many requests are listed.
    /// </summary>
    public static string FormatCounts(RunSummary summary)
    {
        var text = new StringBuilder();
        foreach (var status in Order)
        {
            text.Append(RunSummary.NameOf(status)).Append(": ").Append(summary.Count(status)).Append('\n');
        }

        if (summary.Pended > 0)
        {
            text.Append("pended: ").Append(summary.Pended).Append('\n');
        }

        if (summary.Ignored > 0)
        {
            text.Append("ignored: ").Append(summary.Ignored).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The text on one line (lines joined, keys masked, other control characters escaped); a placeholder when there is none.</summary>
    public static string OneLine(string? text, SecretMask secrets)
        => string.IsNullOrWhiteSpace(text) ? "(no reason given)" : secrets.Clean(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
