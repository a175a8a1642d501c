namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>
/// How often a lease connection is checked and how long a check may take, from
/// <see cref="PostgreSqlCoordinationOptions.DeadReplicaTimeout"/>. A broken connection is noticed within
/// <see cref="LossBound"/>, a third of the timeout or less, so its holder stops well before the server (which waits the
/// whole timeout) lets another replica take the leases.
/// </summary>
internal sealed record LeaseTiming(TimeSpan CheckInterval, TimeSpan CheckTimeout)
{
    public static LeaseTiming For(TimeSpan deadReplicaTimeout)
        => new(
            TimeSpan.FromTicks(Math.Clamp(deadReplicaTimeout.Ticks / 10, TimeSpan.TicksPerSecond / 2, 30 * TimeSpan.TicksPerSecond)),
            TimeSpan.FromTicks(Math.Clamp(deadReplicaTimeout.Ticks / 6, TimeSpan.TicksPerSecond / 2, 60 * TimeSpan.TicksPerSecond)));

    /// <summary>The longest a holder goes on believing in a lease on a connection that is gone: one interval and one check.</summary>
    public TimeSpan LossBound => CheckInterval + CheckTimeout;
}
