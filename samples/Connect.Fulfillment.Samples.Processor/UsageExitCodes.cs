namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// The exit codes only the usage mode uses; the others are the processing mode's (<see cref="ExitCodes"/>: 0, 2, 3, 4,
/// 5, 130 mean the same in both modes).
/// </summary>
internal static class UsageExitCodes
{
    /// <summary>The run completed, but a file needs attention (failed, invalid, held back) or records were rejected.</summary>
    public const int PartialFailure = 7;

    /// <summary>The run completed, but the vendor could not be reached (or kept failing) for some subscriptions: their files were held back.</summary>
    public const int VendorUnreachable = 8;
}
