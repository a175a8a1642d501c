namespace Connect.Fulfillment.Usage;

/// <summary>
/// The names under which usage reporting reports traces and metrics. Subscribe with OpenTelemetry's
/// <c>AddSource(UsageReportingTelemetry.ActivitySourceName)</c> and <c>AddMeter(UsageReportingTelemetry.MeterName)</c>.
/// </summary>
public static class UsageReportingTelemetry
{
    /// <summary>The name of the package's <see cref="System.Diagnostics.ActivitySource"/>: one span per usage file (<c>connect.usage.file</c>).</summary>
    public const string ActivitySourceName = "Connect.Fulfillment.Usage";

    /// <summary>The name of the package's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Connect.Fulfillment.Usage";

    /// <summary>
    /// The counter of usage files reported, one per product and contract in a run, tagged <c>connect.product.id</c> and
    /// <c>connect.usage.outcome</c> (<c>submitted</c>, <c>already_submitted</c>, <c>invalid</c>, <c>processing</c>,
    /// <c>no_usage</c>, <c>held_back</c>, <c>failed</c>).
    /// </summary>
    public const string FilesCounterName = "connect.usage.files";

    /// <summary>The counter of usage records written to workbooks, tagged <c>connect.product.id</c>.</summary>
    public const string RecordsCounterName = "connect.usage.records";

    /// <summary>The counter of usage records rejected by validation, tagged <c>connect.product.id</c>.</summary>
    public const string RejectedRecordsCounterName = "connect.usage.records.rejected";
}
