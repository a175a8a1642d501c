namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// Static partitioning of requests across replicas by a stable hash (FNV-1a) of the request id, the same on every
/// machine and .NET version, so that each request belongs to exactly one replica.
/// </summary>
public static class ReplicaPartition
{
    /// <summary>The replica index that owns a request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="replicaCount">How many replicas share the work.</param>
    /// <returns>The owning index, from 0 to <paramref name="replicaCount"/> - 1.</returns>
    public static int OwnerOf(string requestId, int replicaCount)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicaCount, 1);
        var hash = 2166136261u;
        foreach (var c in requestId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)replicaCount);
    }

    /// <summary>Whether a replica owns a request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="replicaIndex">The replica's index.</param>
    /// <param name="replicaCount">How many replicas share the work.</param>
    /// <returns>True when <paramref name="replicaIndex"/> owns the request.</returns>
    public static bool Owns(string requestId, int replicaIndex, int replicaCount) => OwnerOf(requestId, replicaCount) == replicaIndex;
}
