namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// The system clock, except that one-shot waits of a whole number of seconds from one to ten run a hundred times
/// faster. <c>Retry-After</c> is given in whole seconds, so a 429 with <c>Retry-After: 1</c> makes the client wait on
/// this clock for 10 ms instead of a second. Other timers (a per-attempt timeout of a few hundred milliseconds, the
/// backoff, the 30-second timeouts of tests without hangs, the total timeout) keep their real length, so hangs still
/// end at the client timeout. <see cref="CompressedWaits"/>
/// counts the shortened waits: the proof that the client honoured <c>Retry-After</c>.
/// </summary>
public sealed class FaultClock : TimeProvider
{
    private const int SpeedUp = 100;
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);
    private int compressedWaits;

    public int CompressedWaits => Volatile.Read(ref compressedWaits);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime >= Shortest && dueTime <= Longest && dueTime.Ticks % TimeSpan.TicksPerSecond == 0 && period == Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref compressedWaits);
            dueTime /= SpeedUp;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
