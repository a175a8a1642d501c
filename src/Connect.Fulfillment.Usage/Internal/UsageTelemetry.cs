using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Connect.Fulfillment.Usage.Internal;

/// <summary>
/// The package's one <see cref="ActivitySource"/> and one <see cref="Meter"/>: the core's are internal to it, so usage
/// reporting has its own, named in <see cref="UsageReportingTelemetry"/>.
/// </summary>
internal static class UsageTelemetry
{
    private static readonly string Version = typeof(UsageTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static readonly ActivitySource ActivitySource = new(UsageReportingTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(UsageReportingTelemetry.MeterName, Version);

    private static readonly Counter<long> Files = Meter.CreateCounter<long>(UsageReportingTelemetry.FilesCounterName, "{file}", "Usage files reported, by outcome.");

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(UsageReportingTelemetry.RecordsCounterName, "{record}", "Usage records written to workbooks.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(UsageReportingTelemetry.RejectedRecordsCounterName, "{record}", "Usage records rejected by validation.");

    /// <summary>Starts the span of one usage file; null when nobody listens.</summary>
    public static Activity? StartFile(string productId, string contractId, string externalId, UsagePeriod period)
    {
        var activity = ActivitySource.StartActivity("connect.usage.file");
        activity?.SetTag("connect.product.id", productId);
        activity?.SetTag("connect.contract.id", contractId);
        activity?.SetTag("connect.usage.external_id", externalId);
        activity?.SetTag("connect.usage.period", period.ToString());
        return activity;
    }

    /// <summary>Counts a file's outcome and written records, and closes its span with them.</summary>
    public static void FileDone(Activity? activity, UsageFileOutcome outcome)
    {
        var name = OutcomeName(outcome.Kind);
        var product = new KeyValuePair<string, object?>("connect.product.id", outcome.ProductId);
        Files.Add(1, product, new KeyValuePair<string, object?>("connect.usage.outcome", name));
        if (outcome.RecordCount > 0)
        {
            Records.Add(outcome.RecordCount, product);
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("connect.usage.outcome", name);
        activity.SetTag("connect.usage.file.id", outcome.UsageFileId);
        activity.SetTag("connect.usage.created", outcome.Created);
        activity.SetTag("connect.usage.records", outcome.RecordCount);
        activity.SetTag("connect.usage.records.rejected", outcome.RejectedCount);
        if (outcome.Kind is UsageFileOutcomeKind.Failed or UsageFileOutcomeKind.Invalid or UsageFileOutcomeKind.HeldBack)
        {
            activity.SetStatus(ActivityStatusCode.Error, name);
        }
    }

    /// <summary>Counts one rejected record, when it is rejected: a file that fails afterwards still counts what it rejected.</summary>
    public static void RecordRejected(string productId) => Rejected.Add(1, new KeyValuePair<string, object?>("connect.product.id", productId));

    /// <summary>The outcome as a metric tag value.</summary>
    public static string OutcomeName(UsageFileOutcomeKind kind) => kind switch
    {
        UsageFileOutcomeKind.Submitted => "submitted",
        UsageFileOutcomeKind.AlreadySubmitted => "already_submitted",
        UsageFileOutcomeKind.Invalid => "invalid",
        UsageFileOutcomeKind.Processing => "processing",
        UsageFileOutcomeKind.NoUsage => "no_usage",
        UsageFileOutcomeKind.HeldBack => "held_back",
        _ => "failed",
    };
}
