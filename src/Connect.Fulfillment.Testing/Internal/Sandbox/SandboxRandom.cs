namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>The sandbox's seeded random source, shared by latency and fault probabilities; thread-safe.</summary>
internal sealed class SandboxRandom(int seed)
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly Random _random = new(seed);

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    public long NextInt64()
    {
        lock (_gate)
        {
            return _random.NextInt64();
        }
    }

    /// <summary>A delay drawn uniformly between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public TimeSpan Between(TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + TimeSpan.FromTicks((long)((max - min).Ticks * NextDouble()));
}
