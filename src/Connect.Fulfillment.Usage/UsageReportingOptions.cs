using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Usage;

/// <summary>The settings of usage reporting; validated at start when registered through dependency injection.</summary>
public sealed class UsageReportingOptions
{
    /// <summary>The pay-as-you-go products to report; at least one.</summary>
    public IList<string> ProductIds { get; } = [];

    /// <summary>The environments whose assets are reported (<c>connection.type</c>); all when empty.</summary>
    public IList<ConnectionType> Environments { get; } = [];

    /// <summary>
    /// The asset statuses reported; when empty, <c>active</c>, <c>suspended</c> and <c>terminating</c> (a subscription
    /// that ended during the month is reported by listing it explicitly with <c>terminated</c>).
    /// </summary>
    public IList<AssetStatus> AssetStatuses { get; } = [];

    /// <summary>The currency of the usage files, for example <c>USD</c>; Connect's default when null.</summary>
    public string? Currency { get; set; }

    /// <summary>
    /// Whether a file is still uploaded with its valid records when some records were rejected. False (the default)
    /// holds the whole file back so that the month can be reported complete once the source is fixed.
    /// </summary>
    public bool UploadWhenRecordsRejected { get; set; }

    /// <summary>How long to wait between reads of a file Connect is still processing. Default 5 seconds.</summary>
    public TimeSpan ProcessingPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long to wait for Connect to finish processing an uploaded file before leaving it for the next run (which
    /// submits it once it is ready). Default 5 minutes.
    /// </summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many rejected records are kept with their details in the report; all are counted. Default 1000.</summary>
    public int MaxRejectedRecordsKept { get; set; } = 1000;

    /// <summary>The folder of the temporary workbooks; the system's temporary folder when null.</summary>
    public string? WorkDirectory { get; set; }
}
