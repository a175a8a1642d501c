using System.Diagnostics;
using Connect.Fulfillment.PostgreSql;
using Medallion.Threading.Postgres;
using Npgsql;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>What one request lease costs a replica, measured with the PostgreSQL provider alone, one lease at a time.</summary>
internal static class LeaseCost
{
    public static async Task<(TimeSpan Taken, TimeSpan Refused, TimeSpan TakenOwnConnection)> MeasureAsync(string connectionString, int count)
    {
        await using var provider = new PostgreSqlRequestLeaseProvider(new PostgreSqlCoordinationOptions { ConnectionString = connectionString, ConnectionCount = 1 });

        // One round to open the connection and warm up the code, not counted.
        await using (await provider.TryAcquireAsync("PR-WARM-UP"))
        {
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await using var lease = await provider.TryAcquireAsync($"PR-LEASE-{i}") ?? throw new InvalidOperationException("A free lease was refused.");
        }

        var taken = Stopwatch.GetElapsedTime(started) / count;

        // The cost to a replica of a request another replica holds.
        await using var other = new PostgreSqlRequestLeaseProvider(new PostgreSqlCoordinationOptions { ConnectionString = connectionString, ConnectionCount = 1 });
        await using var held = await other.TryAcquireAsync("PR-HELD") ?? throw new InvalidOperationException("A free lease was refused.");
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (await provider.TryAcquireAsync("PR-HELD") is not null)
            {
                throw new InvalidOperationException("A held lease was granted twice.");
            }
        }

        var refused = Stopwatch.GetElapsedTime(started) / count;
        return (taken, refused, await OwnConnectionAsync(connectionString, count));
    }

    /// <summary>The earlier design, for comparison: an unpooled connection opened for each lease and closed on release.</summary>
    private static async Task<TimeSpan> OwnConnectionAsync(string connectionString, int count)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await using var connection = new NpgsqlConnection(unpooled);
            await connection.OpenAsync();
            var advisoryLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey($"connect-fulfillment/request/PR-OWN-{i}", allowHashing: true), connection);
            await using var handle = await advisoryLock.TryAcquireAsync(TimeSpan.Zero) ?? throw new InvalidOperationException("A free lease was refused.");
        }

        return Stopwatch.GetElapsedTime(started) / count;
    }
}
