namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>What the sandbox keeps about a usage file beyond its JSON: the workbook, its records and problems, a pending result.</summary>
internal sealed class UsageFileState
{
    /// <summary>The last uploaded workbook, kept for <c>reprocess</c>.</summary>
    public byte[]? Workbook { get; set; }

    public List<SandboxUsageRecord> Records { get; set; } = [];

    public List<string> Errors { get; set; } = [];

    /// <summary>The status the file shows once the remaining processing reads are spent.</summary>
    public string? PendingStatus { get; set; }

    public int ReadsLeft { get; set; }
}
