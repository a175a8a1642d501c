using System.Diagnostics;
using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.PostgreSql.Internal;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>A replica's leases on its few long-lived connections, checked in pg_locks and pg_stat_activity.</summary>
[NonParallelizable]
public class LeaseConnectionTests : PostgreSqlTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Leases_share_the_configured_connections_and_a_release_unlocks_at_once()
    {
        var (name, provider) = Provider(connections: 2);
        await using var _ = provider;

        var leases = new List<IRequestLease>();
        for (var i = 0; i < 10; i++)
        {
            leases.Add(await provider.TryAcquireAsync($"PR-{i}") ?? throw new AssertionException("a free lease was refused"));
        }

        Assert.That(await SessionsAsync(name), Is.EqualTo(2), "ten leases on two connections");
        Assert.That(await LocksAsync(name), Is.EqualTo(10));

        foreach (var lease in leases.Take(5))
        {
            await lease.DisposeAsync();
        }

        // Unlocked on the spot: no session ends, nothing waits for the server.
        Assert.That(await LocksAsync(name), Is.EqualTo(5));
        Assert.That(await SessionsAsync(name), Is.EqualTo(2));
        foreach (var lease in leases.Skip(5))
        {
            await lease.DisposeAsync();
        }

        Assert.That(await LocksAsync(name), Is.Zero);
        Assert.That(leases.Select(l => l.LostToken.IsCancellationRequested), Has.All.False, "released, not lost");
        Assert.That(await provider.TryAcquireAsync("PR-0"), Is.Not.Null, "a released lease can be taken again");
    }

    [Test]
    public async Task A_held_request_is_refused_on_every_connection_of_its_holder_and_to_other_replicas()
    {
        var (_, provider) = Provider(connections: 3);
        var (_, other) = Provider(connections: 1);
        await using var a = provider;
        await using var b = other;
        await using var held = await provider.TryAcquireAsync("PR-HELD");

        // Six tries go round the three connections twice, the holder's own session included (advisory locks are
        // re-entrant within a session; the lock library checks pg_locks first).
        for (var i = 0; i < 6; i++)
        {
            Assert.That(await provider.TryAcquireAsync("PR-HELD"), Is.Null);
        }

        Assert.That(await other.TryAcquireAsync("PR-HELD"), Is.Null);
        Assert.That(await LocksAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_connection_that_dies_loses_every_lease_on_it_within_one_check_and_is_replaced()
    {
        // Five seconds: checked every half second, a check may take 0.83 s.
        var (name, provider) = Provider(connections: 2, deadReplicaTimeout: TimeSpan.FromSeconds(5));
        await using var _ = provider;
        var leases = new List<IRequestLease>();
        for (var i = 0; i < 6; i++)
        {
            leases.Add((await provider.TryAcquireAsync($"PR-{i}"))!);
        }

        var pids = await PidsAsync(name);
        var victim = pids[0];
        Assert.That(await LocksOfAsync(victim), Is.EqualTo(3), "round robin: three leases on each connection");

        var killed = Stopwatch.StartNew();
        await TerminateAsync(victim);
        await WaitUntilAsync(() => leases.Count(l => l.LostToken.IsCancellationRequested) == 3);
        var noticed = killed.Elapsed;

        var bound = LeaseTiming.For(TimeSpan.FromSeconds(5)).LossBound;
        TestContext.Out.WriteLine($"lost after {noticed.TotalMilliseconds:0} ms (bound {bound.TotalMilliseconds:0} ms + 1 s allowance)");
        Assert.That(noticed, Is.LessThan(bound + TimeSpan.FromSeconds(1)));

        // Exactly the lost requests are free for others: they were the ones on the dead connection. Releasing a lost
        // lease does not throw.
        var lost = leases.Where(l => l.LostToken.IsCancellationRequested).Select(l => l.RequestId).ToHashSet();
        var (_, other) = Provider(connections: 1);
        await using var __ = other;
        foreach (var lease in leases)
        {
            var taken = await other.TryAcquireAsync(lease.RequestId);
            Assert.That(taken is not null, Is.EqualTo(lost.Contains(lease.RequestId)), lease.RequestId);
            await (taken?.DisposeAsync() ?? ValueTask.CompletedTask);
            await lease.DisposeAsync();
        }

        // New leases go on a new connection in place of the dead one, and on the survivor.
        await using var next1 = await provider.TryAcquireAsync("PR-NEXT-1");
        await using var next2 = await provider.TryAcquireAsync("PR-NEXT-2");
        var now = await PidsAsync(name);
        Assert.Multiple(() =>
        {
            Assert.That(now, Has.Count.EqualTo(2).And.Not.Contains(victim).And.Contains(pids[1]));
            Assert.That(provider.OpenConnections, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_check_runs_on_the_provider_clock_and_no_lease_is_granted_on_a_broken_connection()
    {
        var clock = new FakeTimeProvider();
        var (name, provider) = Provider(connections: 1, clock: clock);
        await using var _ = provider;
        var first = (await provider.TryAcquireAsync("PR-1"))!;
        var victim = (await PidsAsync(name)).Single();
        await TerminateAsync(victim);

        // Nothing has touched the connection yet: the next lease finds it broken, loses what it held and is granted
        // on a new connection, where pg_locks shows it.
        await using var second = await provider.TryAcquireAsync("PR-2");
        await WaitUntilAsync(() => first.LostToken.IsCancellationRequested);
        var pid = (await PidsAsync(name)).Single();
        var (_, other) = Provider(connections: 1);
        await using var __ = other;
        Assert.That(second, Is.Not.Null);
        Assert.That(pid, Is.Not.EqualTo(victim));
        Assert.That(await LocksOfAsync(pid), Is.EqualTo(1));
        Assert.That(await other.TryAcquireAsync("PR-2"), Is.Null, "the new connection holds it");
        await using (var again = await other.TryAcquireAsync("PR-1"))
        {
            Assert.That(again, Is.Not.Null, "the lost one went with the dead session");
        }

        await first.DisposeAsync();

        // The timer is the provider's: the new connection dies, and only the clock moving on finds it out.
        await TerminateAsync(pid);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That(second!.LostToken.IsCancellationRequested, Is.False, "no check before the interval");
        clock.Advance(LeaseTiming.For(new PostgreSqlCoordinationOptions().DeadReplicaTimeout).CheckInterval);
        await WaitUntilAsync(() => second.LostToken.IsCancellationRequested);
        Assert.That(await LocksAsync(name), Is.Zero);
    }

    private (string Name, PostgreSqlRequestLeaseProvider Provider) Provider(int connections, TimeSpan? deadReplicaTimeout = null, TimeProvider? clock = null)
    {
        var name = $"leases-{Guid.NewGuid().ToString("N")[..8]}";
        var options = new PostgreSqlCoordinationOptions { ConnectionString = Server.ConnectionString(name), ConnectionCount = connections };
        if (deadReplicaTimeout is { } timeout)
        {
            options.DeadReplicaTimeout = timeout;
        }

        return (name, new PostgreSqlRequestLeaseProvider(options, timeProvider: clock));
    }

    private async Task<long> SessionsAsync(string name)
        => (long)(await QueryAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", ("name", name)))!;

    private async Task<List<int>> PidsAsync(string name)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @name ORDER BY backend_start", connection);
        command.Parameters.AddWithValue("name", name);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>Granted advisory locks, of one application's sessions or of all.</summary>
    private async Task<long> LocksAsync(string? name = null)
        => (long)(await QueryAsync(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND (@name = '' OR a.application_name = @name)",
            ("name", name ?? string.Empty)))!;

    private async Task<long> LocksOfAsync(int pid)
        => (long)(await QueryAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = @pid", ("pid", pid)))!;

    private async Task TerminateAsync(int pid) => await QueryAsync("SELECT pg_terminate_backend(@pid)", ("pid", pid));

    private async Task<object?> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Server.ConnectionString("test-admin"));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Patience)
            {
                throw new AssertionException("timed out waiting");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
