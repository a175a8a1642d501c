using System.Globalization;
using System.Text;
using Connect.Fulfillment.Usage;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>The usage mode's summary on stdout: one line per file, one per rejected record, then the counts.</summary>
internal static class UsageReportText
{
    /// <summary>
    /// One line per file — <c>{external id} {file id}: submitted (created, N records)</c>, <c>…: skipped: already
    /// submitted (status accepted)</c>, <c>…: failed: …</c> — then one line per rejected record kept in the report,
    /// <c>rejected {asset} {mpn} {quantity}: {reason}</c>. Everything quoted from Connect, the vendor or the records is
    /// masked and escaped onto its line.
    /// </summary>
    public static string Format(UsageReport report, SecretMask secrets)
    {
        var text = new StringBuilder();
        text.Append("usage period: ").Append(report.Period.ToString()).Append('\n');
        foreach (var file in report.Files)
        {
            text.Append(secrets.Clean(Name(file))).Append(": ").Append(Describe(file, secrets)).Append('\n');
        }

        foreach (var rejected in report.RejectedRecords)
        {
            text.Append("rejected ").Append(secrets.Clean(rejected.AssetId)).Append(' ').Append(secrets.Clean(rejected.Record.Mpn)).Append(' ')
                .Append(rejected.Record.Quantity.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Report.OneLine(rejected.Reason, secrets)).Append('\n');
        }

        if (report.RejectedRecordCount > report.RejectedRecords.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"rejected: {report.RejectedRecordCount - report.RejectedRecords.Count} more record(s) not listed\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>files created: N</c>, <c>files submitted: N</c>, <c>files skipped: N</c>, <c>files failed: N</c>,
    /// <c>records rejected: N</c>: printed last, so that they stay on screen however many files are listed.
    /// </summary>
    public static string FormatCounts(UsageReport report) => string.Create(CultureInfo.InvariantCulture,
        $"files created: {report.CreatedCount}\nfiles submitted: {report.SubmittedCount}\nfiles skipped: {report.SkippedCount}\nfiles failed: {report.ProblemCount}\nrecords rejected: {report.RejectedRecordCount}\n");

    private static string Name(UsageFileOutcome file)
    {
        var name = file.ExternalId.Length > 0 ? file.ExternalId : file.ProductId;
        return file.UsageFileId is { } id ? $"{name} {id}" : name;
    }

    private static string Describe(UsageFileOutcome file, SecretMask secrets)
    {
        var status = file.Status is { } s ? $"status {secrets.Clean(s)}" : "no status";
        var errors = Report.OneLine(string.Join("; ", file.Errors), secrets);
        return file.Kind switch
        {
            UsageFileOutcomeKind.Submitted => string.Create(CultureInfo.InvariantCulture, $"submitted ({(file.Created ? "created" : "existing file")}, {file.RecordCount} records, {status})"),
            UsageFileOutcomeKind.AlreadySubmitted => $"skipped: already submitted ({status}); left alone",
            UsageFileOutcomeKind.Processing => $"skipped: Connect is still processing the upload ({status}); the next run for this month submits it",
            UsageFileOutcomeKind.NoUsage => "skipped: no usage in the period; no file created",
            UsageFileOutcomeKind.Invalid => $"invalid: {errors}",
            UsageFileOutcomeKind.HeldBack => $"held back: {errors}",
            _ => $"failed: {errors}",
        };
    }
}
