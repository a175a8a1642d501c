using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Connect.Fulfillment.PostgreSql.Internal;
using Connect.Fulfillment.Samples.Tests;
using Npgsql;

namespace Connect.Fulfillment.PostgreSql.Tests;

/// <summary>
/// The samples, as built, started several times at once against the standalone sandbox (its Connect with latency and
/// its fake vendor) and one real PostgreSQL: the leases must give one vendor call and one transition per request,
/// and summaries that add up to the requests there were, also when a worker is killed mid-run.
/// </summary>
[NonParallelizable]
[Platform(Exclude = "Win", Reason = "POSIX signals")]
public sealed partial class MultiProcessTests : PostgreSqlTestBase
{
    private const int Requests = 600;
    private const int Replicas = 3;
    private const int IntervalSeconds = 1;
    private const int DeadReplicaSeconds = 5;
    private const int KillWhenPending = 150;

    /// <summary>
    /// The lease-loss interval of a killed replica: the operating system closes its sockets, and the server ends its
    /// sessions (and their advisory locks) as it reads the close: measured here from the kill to pg_locks showing none,
    /// usually well under half a second, allowed 2 s on a busy machine. A replica whose machine vanishes instead loses them
    /// after <see cref="DeadReplicaSeconds"/>; that case is the server's keepalive and is not re-tested here.
    /// </summary>
    private static readonly TimeSpan LeaseLossOnKill = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The failover bound from the kill: one lease-loss interval, plus one tick of the survivors (the next run takes
    /// what the victim held), plus a stated allowance of 2 s for that run to list and do the little work left (at most
    /// <see cref="KillWhenPending"/> requests, 5 ms per call) on a shared 2-core machine. No process starts here.
    /// </summary>
    private static readonly TimeSpan FailoverBound = LeaseLossOnKill + TimeSpan.FromSeconds(IntervalSeconds) + TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private static string[] SandboxScenario(int requests) => ["--seed-cancels", Text(requests), "--latency-ms", "5"];

    [Test]
    public async Task Three_workers_make_one_vendor_call_and_one_transition_per_request_and_their_summaries_add_up()
    {
        using var sandbox = await SandboxProcess.StartAsync(SandboxScenario(Requests));
        var workers = StartWorkers(sandbox);
        try
        {
            await WaitUntilNothingPendingAsync(sandbox, workers);
            var approved = await StopAndSumApprovedAsync(workers);
            var violations = await ViolationsAsync(sandbox, oneVendorCallEach: true);

            Assert.Multiple(() =>
            {
                Assert.That(violations, Is.Empty, string.Join('\n', violations));
                Assert.That(approved.Sum(), Is.EqualTo(Requests), $"approved per worker: {string.Join(", ", approved)}\n{Outputs(workers)}");
            });
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Test]
    public async Task A_worker_killed_mid_run_leaves_nothing_pending_beyond_one_lease_loss_interval_and_one_tick_and_nothing_doubled()
    {
        using var sandbox = await SandboxProcess.StartAsync(SandboxScenario(Requests));
        var workers = StartWorkers(sandbox);
        try
        {
            // Late in the work, so that what follows the kill is the failover and not throughput: kill a worker that
            // holds leases right now, so that it dies with requests in hand.
            // Opened first: opening an unpooled connection takes a while on a busy machine, and the work left is short.
            await using var admin = new NpgsqlConnection(Server.ConnectionString("test-admin"));
            await admin.OpenAsync();
            var clock = Stopwatch.StartNew();
            var (victim, heldKeys) = await PickWorkerHoldingLeasesAsync(admin, sandbox, workers, clock);
            using (var target = Process.GetProcessById(workers[victim].Process.Id))
            {
                target.Kill(); // SIGKILL: no handler runs, the lease connections just close
            }

            var killed = Stopwatch.StartNew();
            var requests = await sandbox.RequestsAsync();
            var pendingAtKill = requests.Count(r => r.Status == "pending");
            var victimsRequests = requests.Where(r => heldKeys.Contains(LeaseKeys.For(r.Id).ToString())).Select(r => r.Id).ToList();
            var leasesLost = await WaitUntilAsync(async () => await LeasesHeldAsync(admin, workers[victim].Name) == 0, killed);
            var victimsDone = await WaitUntilAsync(async () => (await sandbox.RequestsAsync()).Where(r => victimsRequests.Contains(r.Id)).All(r => r.Status == "approved"), killed);
            await WaitUntilNothingPendingAsync(sandbox, workers);
            var failover = killed.Elapsed;
            var exit = await workers[victim].Process.WaitAsync(TimeSpan.FromSeconds(15));
            var survivors = workers.Where((_, i) => i != victim).ToList();
            await StopAndSumApprovedAsync(survivors);
            var violations = await ViolationsAsync(sandbox, oneVendorCallEach: false);

            TestContext.Out.WriteLine($"killed {workers[victim].Name} holding {heldKeys.Count} leases ({victimsRequests.Count} matched) with {pendingAtKill} pending; " +
                $"its leases gone after {leasesLost.TotalMilliseconds:0} ms, its requests approved by the others after {victimsDone.TotalMilliseconds:0} ms, nothing pending after {failover.TotalMilliseconds:0} ms (bound {FailoverBound.TotalMilliseconds:0} ms)");
            Assert.Multiple(() =>
            {
                Assert.That(exit.ExitCode, Is.EqualTo(137), "the victim died of SIGKILL");
                Assert.That(victimsRequests, Has.Count.EqualTo(heldKeys.Count).And.Not.Empty, "every lock the victim held is on a request of the sandbox");
                Assert.That(pendingAtKill, Is.Positive, "work was pending at the kill");
                Assert.That(violations, Is.Empty, string.Join('\n', violations));
                Assert.That(leasesLost, Is.LessThanOrEqualTo(LeaseLossOnKill), "a killed process's sessions end with its sockets");
                Assert.That(failover, Is.LessThanOrEqualTo(FailoverBound), $"{pendingAtKill} pending at the kill took {failover.TotalSeconds:0.0} s");
            });
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Test]
    public async Task The_processor_started_three_times_at_once_handles_every_request_exactly_once()
    {
        const int Count = 300;
        using var sandbox = await SandboxProcess.StartAsync(SandboxScenario(Count));
        var processors = Enumerable.Range(0, Replicas)
            .Select(i => SampleProcess.Start(SampleProcess.ProcessorDll, EnvironmentFor(sandbox, $"processor-{i}")))
            .ToList();
        try
        {
            var results = await Task.WhenAll(processors.Select(p => p.WaitAsync(Patience)));
            var approved = results.Select(r => r.CountLines.FirstOrDefault() is { } line && line.StartsWith("approved: ", StringComparison.Ordinal)
                ? int.Parse(line["approved: ".Length..], CultureInfo.InvariantCulture)
                : -1).ToList();
            var counts = await sandbox.CountsAsync();
            var violations = await ViolationsAsync(sandbox, oneVendorCallEach: true);

            Assert.Multiple(() =>
            {
                Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join('\n', results.Select(r => r.ToString())));
                Assert.That(counts.Pending, Is.Zero, counts.ToString());
                Assert.That(violations, Is.Empty, string.Join('\n', violations));
                Assert.That(approved.Sum(), Is.EqualTo(Count), $"approved per processor: {string.Join(", ", approved)}");
            });
        }
        finally
        {
            foreach (var processor in processors)
            {
                processor.Dispose();
            }
        }
    }

    private List<Worker> StartWorkers(SandboxProcess sandbox)
        => Enumerable.Range(0, Replicas).Select(i =>
        {
            var name = $"worker-{i}-{Guid.NewGuid().ToString("N")[..6]}";
            var environment = EnvironmentFor(sandbox, name);
            environment["Worker__IntervalSeconds"] = Text(IntervalSeconds);
            environment["Logging__Console__FormatterName"] = "simple";
            return new Worker(name, SampleProcess.Start(SampleProcess.WorkerDll, environment));
        }).ToList();

    private Dictionary<string, string?> EnvironmentFor(SandboxProcess sandbox, string name)
    {
        var environment = sandbox.SampleEnvironment();
        environment["Coordination__PostgreSql__ConnectionString"] = Server.ConnectionString(name);
        environment["Coordination__PostgreSql__DeadReplicaTimeout"] = $"00:00:{DeadReplicaSeconds:00}";
        return environment;
    }

    private static async Task WaitUntilNothingPendingAsync(SandboxProcess sandbox, IReadOnlyList<Worker> workers)
    {
        var clock = Stopwatch.StartNew();
        var counts = await sandbox.CountsAsync();
        while (counts.Pending > 0)
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"still {counts.Pending} pending after {Patience}: {counts}\n{Outputs(workers)}");
            }

            await Task.Delay(50);
            counts = await sandbox.CountsAsync();
        }
    }

    /// <summary>Stops the workers with SIGTERM (a run in progress still logs its summary) and reads what each approved.</summary>
    private static async Task<List<int>> StopAndSumApprovedAsync(IReadOnlyList<Worker> workers)
    {
        // The last transitions may land just before their run's summary: let every run end first.
        await Task.Delay(TimeSpan.FromSeconds(IntervalSeconds));
        foreach (var worker in workers)
        {
            worker.Process.Signal(15);
        }

        var results = await Task.WhenAll(workers.Select(w => w.Process.WaitAsync(TimeSpan.FromSeconds(20))));
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join('\n', results.Select(r => r.ToString())));
        return results.Select(r => RunSummary().Matches(r.Stdout).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();
    }

    private static async Task<List<string>> ViolationsAsync(SandboxProcess sandbox, bool oneVendorCallEach)
    {
        var requests = await sandbox.RequestsAsync();
        var vendorCalls = await sandbox.VendorCallsAsync();
        var violations = requests.Where(r => r.Status != "approved").Select(r => $"{r.Id} ends {r.EndState}").ToList();
        ProcessRunInvariants.CheckOneTransition(requests, await sandbox.CallsAsync(), violations);
        ProcessRunInvariants.CheckOneIdempotencyKey(requests, vendorCalls, violations);
        if (oneVendorCallEach)
        {
            var calls = vendorCalls.Where(c => c.SubscriptionId is not null).ToLookup(c => c.SubscriptionId!, StringComparer.Ordinal);
            violations.AddRange(requests.Where(r => calls[r.SubscriptionId].Count() != 1)
                .Select(r => $"{r.SubscriptionId}: {calls[r.SubscriptionId].Count()} vendor calls: {string.Join("; ", calls[r.SubscriptionId])}"));
        }

        return violations;
    }

    /// <summary>
    /// Waits (within the patience left) until at most <see cref="KillWhenPending"/> requests are pending and one of the
    /// workers holds advisory locks; returns the one holding most and the keys of its locks, as
    /// <c>PostgresAdvisoryLockKey.ToString()</c> writes them. One open connection, one query a round, so that the keys
    /// are those held just before the kill.
    /// </summary>
    private static async Task<(int Index, HashSet<string> Keys)> PickWorkerHoldingLeasesAsync(NpgsqlConnection connection, SandboxProcess sandbox, IReadOnlyList<Worker> workers, Stopwatch clock)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.application_name, lpad(to_hex((l.classid::bigint << 32) | l.objid::bigint), 16, '0') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.application_name = ANY(@names)",
            connection);
        command.Parameters.AddWithValue("names", workers.Select(w => w.Name).ToArray());
        while (clock.Elapsed < Patience)
        {
            if ((await sandbox.CountsAsync()).Pending > KillWhenPending)
            {
                await Task.Delay(10);
                continue;
            }

            var held = workers.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    held[workers.ToList().FindIndex(w => w.Name == reader.GetString(0))].Add(reader.GetString(1));
                }
            }

            var most = held.Select((keys, index) => (index, keys)).MaxBy(h => h.keys.Count);
            if (most.keys.Count > 0)
            {
                return most;
            }

        }

        return (0, []);
    }

    /// <summary>Polls until the condition holds (within the patience); returns the time on <paramref name="since"/> then.</summary>
    private static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, Stopwatch since)
    {
        while (!await condition() && since.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        return since.Elapsed;
    }

    private static async Task<int> LeasesHeldAsync(NpgsqlConnection connection, string applicationName)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = @name",
            connection);
        command.Parameters.AddWithValue("name", applicationName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Outputs(IEnumerable<Worker> workers)
        => string.Join('\n', workers.Select(w => $"--- {w.Name} ---\n{w.Process.Stdout}{w.Process.Stderr}"));

    private static void DisposeAll(IEnumerable<Worker> workers)
    {
        foreach (var worker in workers)
        {
            worker.Process.Dispose();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Run \d+ finished in \d+ ms: approved (\d+),")]
    private static partial Regex RunSummary();

    private sealed record Worker(string Name, SampleProcess Process);
}
