namespace Connect.Fulfillment.Usage;

/// <summary>What a run did with the usage file of one product, contract and period.</summary>
public enum UsageFileOutcomeKind
{
    /// <summary>The file was uploaded and submitted in this run.</summary>
    Submitted,

    /// <summary>The file had already been submitted (or accepted, rejected, closed) and was left alone.</summary>
    AlreadySubmitted,

    /// <summary>Connect found the file invalid; its errors are in <see cref="UsageFileOutcome.Errors"/>.</summary>
    Invalid,

    /// <summary>Connect is still processing the file; the next run submits it once it is ready.</summary>
    Processing,

    /// <summary>No asset of the contract reported usage; no file was created.</summary>
    NoUsage,

    /// <summary>Records were rejected, so the file was held back (see <see cref="UsageReportingOptions.UploadWhenRecordsRejected"/>).</summary>
    HeldBack,

    /// <summary>The file could not be reported; see <see cref="UsageFileOutcome.Errors"/>.</summary>
    Failed,
}
