namespace Connect.Fulfillment.Usage.Internal;

/// <summary>Counts every rejected record and keeps the first ones with details, so a huge bad batch stays bounded.</summary>
internal sealed class RejectionCollector(int maxKept)
{
    private readonly List<RejectedUsageRecord> kept = [];

    public int Count { get; private set; }

    public IReadOnlyList<RejectedUsageRecord> Kept => kept;

    public void Add(RejectedUsageRecord rejected)
    {
        Count++;
        if (kept.Count < maxKept)
        {
            kept.Add(rejected);
        }
    }
}
