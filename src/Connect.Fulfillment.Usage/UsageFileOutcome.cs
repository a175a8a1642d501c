namespace Connect.Fulfillment.Usage;

/// <summary>The result of one usage file (one product, contract and period) in a run.</summary>
public sealed record UsageFileOutcome
{
    /// <summary>The product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>The contract id; empty when the failure concerns the whole product.</summary>
    public required string ContractId { get; init; }

    /// <summary>The external id that identifies the file for the period; empty when the failure concerns the whole product.</summary>
    public required string ExternalId { get; init; }

    /// <summary>What happened.</summary>
    public required UsageFileOutcomeKind Kind { get; init; }

    /// <summary>The Connect usage file id, when there is a file.</summary>
    public string? UsageFileId { get; init; }

    /// <summary>Whether this run created the file.</summary>
    public bool Created { get; init; }

    /// <summary>The records written to the workbook.</summary>
    public int RecordCount { get; init; }

    /// <summary>The records rejected by validation.</summary>
    public int RejectedCount { get; init; }

    /// <summary>The file's status in Connect when last read.</summary>
    public string? Status { get; init; }

    /// <summary>
    /// The Connect error that failed the file (<see cref="UsageFileOutcomeKind.Failed"/>), when Connect refused a call,
    /// could not be reached or answered what could not be read; null otherwise. Lets a caller tell an outage
    /// (<see cref="ConnectApiException.IsOutcomeUnknown"/>) or refused credentials from a problem of the file itself.
    /// </summary>
    public ConnectApiException? ConnectError { get; init; }

    /// <summary>Why the file failed or is invalid, in plain words (Connect's own errors included).</summary>
    public IReadOnlyList<string> Errors { get; init => field = value ?? []; } = [];
}
