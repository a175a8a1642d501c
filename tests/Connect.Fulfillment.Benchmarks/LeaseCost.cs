using System.Diagnostics;
using Connect.Fulfillment.PostgreSql;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>What one request lease costs a replica, measured with the PostgreSQL provider alone, one lease at a time.</summary>
internal static class LeaseCost
{
    public static async Task<(TimeSpan Taken, TimeSpan Refused)> MeasureAsync(string connectionString, int count)
    {
        var provider = new PostgreSqlRequestLeaseProvider(new PostgreSqlCoordinationOptions { ConnectionString = connectionString });

        // One round to warm up the connection code, not counted.
        await using (await provider.TryAcquireAsync("PR-WARM-UP"))
        {
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await using var lease = await provider.TryAcquireAsync($"PR-LEASE-{i}") ?? throw new InvalidOperationException("A free lease was refused.");
        }

        var taken = Stopwatch.GetElapsedTime(started) / count;

        // The cost to a replica of a request another replica holds: a connection that tries the lock and closes.
        await using var held = await provider.TryAcquireAsync("PR-HELD") ?? throw new InvalidOperationException("A free lease was refused.");
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (await provider.TryAcquireAsync("PR-HELD") is not null)
            {
                throw new InvalidOperationException("A held lease was granted twice.");
            }
        }

        return (taken, Stopwatch.GetElapsedTime(started) / count);
    }
}
