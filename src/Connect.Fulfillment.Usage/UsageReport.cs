namespace Connect.Fulfillment.Usage;

/// <summary>The summary of one usage reporting run.</summary>
public sealed record UsageReport
{
    /// <summary>The reported period.</summary>
    public required UsagePeriod Period { get; init; }

    /// <summary>One outcome per product and contract (or per product when the product itself failed).</summary>
    public IReadOnlyList<UsageFileOutcome> Files { get; init => field = value ?? []; } = [];

    /// <summary>The rejected records kept with details (at most <see cref="UsageReportingOptions.MaxRejectedRecordsKept"/>).</summary>
    public IReadOnlyList<RejectedUsageRecord> RejectedRecords { get; init => field = value ?? []; } = [];

    /// <summary>All rejected records, kept or not.</summary>
    public int RejectedRecordCount { get; init; }

    /// <summary>Files created in this run.</summary>
    public int CreatedCount => Files.Count(f => f.Created);

    /// <summary>Files submitted in this run.</summary>
    public int SubmittedCount => Files.Count(f => f.Kind == UsageFileOutcomeKind.Submitted);

    /// <summary>Files left alone: already submitted, still processing, or without usage.</summary>
    public int SkippedCount => Files.Count(f => f.Kind is UsageFileOutcomeKind.AlreadySubmitted or UsageFileOutcomeKind.Processing or UsageFileOutcomeKind.NoUsage);

    /// <summary>Files that need attention: invalid, held back or failed.</summary>
    public int ProblemCount => Files.Count(f => f.Kind is UsageFileOutcomeKind.Invalid or UsageFileOutcomeKind.HeldBack or UsageFileOutcomeKind.Failed);

    /// <summary>Whether every file was submitted, already submitted, processing or without usage, and no record was rejected.</summary>
    public bool Succeeded => ProblemCount == 0 && RejectedRecordCount == 0;
}
