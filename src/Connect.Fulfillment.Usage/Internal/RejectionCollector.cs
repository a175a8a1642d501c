namespace Connect.Fulfillment.Usage.Internal;

/// <summary>Counts every rejected record and keeps the first ones with details, so a huge bad batch stays bounded.</summary>
internal sealed class RejectionCollector(int maxKept)
{
    private readonly List<RejectedUsageRecord> kept = [];

    public int Count { get; private set; }

    public IReadOnlyList<RejectedUsageRecord> Kept => kept;

    /// <summary>Counts a rejected record; true when it was kept with its details.</summary>
    public bool Add(RejectedUsageRecord rejected)
    {
        Count++;
        UsageTelemetry.RecordRejected(rejected.ProductId);
        if (kept.Count >= maxKept)
        {
            return false;
        }

        kept.Add(rejected);
        return true;
    }
}
