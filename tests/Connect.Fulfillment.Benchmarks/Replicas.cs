using System.Diagnostics;
using System.Globalization;
using Connect.Fulfillment.PostgreSql.Tests;
using Npgsql;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>
/// The replicas run of docs/performance.md: a throw-away PostgreSQL server, the standalone sandbox program with N
/// pending cancels, and 1, 2 or 3 processor sample processes started at once with the same
/// <c>Coordination:PostgreSql:ConnectionString</c> (and, for comparison, 1 without coordination).
/// </summary>
public static class Replicas
{
    // Lease connections carry this name (the provider keeps a configured one), so the run can wait for them to end.
    private const string ApplicationName = "benchmark-replicas";

    /// <param name="beforeDll">A processor sample built from an earlier commit: then every coordinated run is made with
    /// it and with this build in turn (before, after, before, …), in the same sitting on the same server.</param>
    public static async Task<bool> RunAsync(int count, int latencyMs, int concurrency, int[] replicaCounts, int runs, TextWriter output, string? beforeDll = null)
    {
        var (binaries, reason) = PostgreSqlServer.FindBinaries();
        if (binaries is null)
        {
            output.WriteLine($"replicas: {reason}");
            return false;
        }

        await using var server = await PostgreSqlServer.StartAsync(binaries);
        var connectionString = server.ConnectionString(ApplicationName);
        var builds = beforeDll is null ? new[] { (Name: "this", Dll: WholeProcess.ProcessorDll) } : [("before", beforeDll), ("after", WholeProcess.ProcessorDll)];
        output.WriteLine($"# Replicas: N = {count}, L = {latencyMs} ms on Connect and vendor, Fulfillment:MaxConcurrency = {concurrency} per replica, {runs} run(s) each, builds {string.Join(", ", builds.Select(b => b.Name))} alternated, PostgreSQL from {binaries}");
        output.WriteLine();
        output.WriteLine("| replicas | coordination | build | run | wall time (s) | Connect calls / request | vendor calls / request | approved (summed) | skipped (summed) | approved in sandbox | lease sessions / request | lease statements / request | processor CPU / request (ms) | exit codes |");
        output.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var configurations = replicaCounts.Contains(1) ? new[] { (Replicas: 1, Coordinated: false) } : [];
        configurations = [.. configurations, .. replicaCounts.Select(r => (Replicas: r, Coordinated: true))];
        var ok = true;
        var samples = new Dictionary<(int, bool, string), List<Sample>>();
        foreach (var (replicas, coordinated) in configurations)
        {
            for (var run = 1; run <= runs; run++)
            {
                // Without coordination the builds do not differ: this build only.
                foreach (var (name, dll) in coordinated ? builds : builds[^1..])
                {
                    var sample = await RunOnceAsync(server, coordinated ? connectionString : null, replicas, count, latencyMs, concurrency, dll);
                    var key = (replicas, coordinated, name);
                    if (!samples.TryGetValue(key, out var list))
                    {
                        samples[key] = list = [];
                    }

                    list.Add(sample);
                    ok &= sample.ExitCodes.All(c => c == 0) && sample.Approved == count && sample.SandboxApproved == count;
                    output.WriteLine(Row(replicas, coordinated, name, run.ToString(CultureInfo.InvariantCulture), sample, count));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("Medians (each column on its own):");
        output.WriteLine();
        output.WriteLine("| replicas | coordination | build | runs | wall time (s) | Connect calls / request | skipped (summed) | lease sessions / request | lease statements / request | processor CPU / request (ms) |");
        output.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ((replicas, coordinated, name), list) in samples)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {replicas} | {(coordinated ? "PostgreSQL" : "none")} | {name} | {list.Count} | {Median(list, s => s.Wall):0.00} | {Median(list, s => (double)s.ConnectCalls / count):0.000} | {Median(list, s => s.Skipped):0} | {Median(list, s => (double)s.LeaseSessions / count):0.000} | {Median(list, s => (double)s.LeaseStatements / count):0.00} | {Median(list, s => s.Cpu.TotalMilliseconds / count):0.00} |"));
        }

        output.WriteLine();
        var cost = await LeaseCost.MeasureAsync(connectionString, 200);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"One lease, measured alone (200 sequential, from this process): on the provider's long-lived connections take + release {cost.Taken.TotalMilliseconds:0.00} ms, try on a lease another holds {cost.Refused.TotalMilliseconds:0.00} ms; with a connection opened and closed per lease (the earlier design) take + release {cost.TakenOwnConnection.TotalMilliseconds:0.00} ms."));
        output.WriteLine();
        return ok;
    }

    private static double Median(List<Sample> samples, Func<Sample, double> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Row(int replicas, bool coordinated, string build, string run, Sample s, int count)
        => string.Create(CultureInfo.InvariantCulture,
            $"| {replicas} | {(coordinated ? "PostgreSQL" : "none")} | {build} | {run} | {s.Wall:0.00} | {(double)s.ConnectCalls / count:0.000} | {(double)s.VendorCalls / count:0.000} | {s.Approved} | {s.Skipped} | {s.SandboxApproved} | {(double)s.LeaseSessions / count:0.000} | {(double)s.LeaseStatements / count:0.00} | {s.Cpu.TotalMilliseconds / count:0.00} | {string.Join(' ', s.ExitCodes)} |");

    private static async Task<Sample> RunOnceAsync(PostgreSqlServer server, string? connectionString, int replicas, int count, int latencyMs, int concurrency, string processorDll)
    {
        var sandboxStart = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WholeProcess.SandboxDll, "--seed-cancels", WholeProcess.Text(count), "--latency-ms", WholeProcess.Text(latencyMs), "--vendor", "--vendor-latency-ms", WholeProcess.Text(latencyMs), "--stop-on-stdin-eof" })
        {
            sandboxStart.ArgumentList.Add(argument);
        }

        using var sandbox = Process.Start(sandboxStart) ?? throw new InvalidOperationException("Could not start the sandbox program.");
        var sandboxErrors = sandbox.StandardError.ReadToEndAsync();
        var processors = new List<Process>();
        try
        {
            var ready = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!ready.ContainsKey("seeded-cancels"))
            {
                var line = await sandbox.StandardOutput.ReadLineAsync()
                    ?? throw new InvalidOperationException($"The sandbox program ended before it was ready: {await sandboxErrors}");
                WholeProcess.AddPair(ready, line);
            }

            var before = await ActivityAsync(server);
            var cpuBefore = ChildCpu.Total();
            var started = Stopwatch.GetTimestamp();
            var runs = new List<Task<(int ExitCode, Dictionary<string, string> Summary)>>();
            for (var i = 0; i < replicas; i++)
            {
                var start = new ProcessStartInfo("dotnet")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add(processorDll);
                start.Environment["Connect__Endpoint"] = ready["connect-url"];
                start.Environment["Connect__ApiKey"] = ready["connect-api-key"];
                start.Environment["Connect__Products"] = ready["product"];
                start.Environment["Vendor__BaseUrl"] = ready["vendor-url"];
                start.Environment["Vendor__ApiKey"] = ready["vendor-api-key"];
                start.Environment["Fulfillment__MaxConcurrency"] = WholeProcess.Text(concurrency);
                if (connectionString is not null)
                {
                    start.Environment["Coordination__PostgreSql__ConnectionString"] = connectionString;
                }

                var processor = Process.Start(start) ?? throw new InvalidOperationException("Could not start the processor sample.");
                processors.Add(processor);
                runs.Add(WaitAsync(processor));
            }

            var results = await Task.WhenAll(runs);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = ChildCpu.Total() - cpuBefore;
            await WaitForLeaseSessionsToEndAsync(server);
            var after = await ActivityAsync(server);

            // Two reading sessions (and one statement of each) are not the processors'.
            var leaseSessions = connectionString is null ? 0 : after.Sessions - before.Sessions - 2;
            var leaseStatements = connectionString is null ? 0 : after.Transactions - before.Transactions - 2;

            sandbox.StandardInput.Close();
            var tally = WholeProcess.Pairs(await sandbox.StandardOutput.ReadToEndAsync());
            await sandbox.WaitForExitAsync();
            return new Sample(
                wall,
                results.Select(r => r.ExitCode).ToArray(),
                WholeProcess.Number(tally, "connect-calls"),
                WholeProcess.Number(tally, "vendor-calls"),
                WholeProcess.Number(tally, "requests-approved"),
                results.Sum(r => WholeProcess.Number(r.Summary, "approved")),
                results.Sum(r => WholeProcess.Number(r.Summary, "skipped")),
                leaseSessions,
                leaseStatements,
                cpu);
        }
        finally
        {
            foreach (var processor in processors)
            {
                if (!processor.HasExited)
                {
                    processor.Kill();
                }

                processor.Dispose();
            }

            if (!sandbox.HasExited)
            {
                sandbox.Kill();
                await sandbox.WaitForExitAsync();
            }
        }
    }

    private static async Task<(int ExitCode, Dictionary<string, string> Summary)> WaitAsync(Process processor)
    {
        var output = processor.StandardOutput.ReadToEndAsync();
        var errors = processor.StandardError.ReadToEndAsync();
        await processor.WaitForExitAsync();
        if (processor.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"processor exit code {processor.ExitCode}: {await errors}");
        }

        return (processor.ExitCode, WholeProcess.Pairs(await output));
    }

    /// <summary>
    /// Sessions ever opened on the database and transactions ended in it (<c>pg_stat_database</c>). Each lease
    /// statement (check held, lock, unlock, connection check) runs outside a transaction, so it counts as one
    /// transaction: one round trip. A backend's counts reach the shared statistics when it ends (or at a pause), so
    /// this is read after the processors' connections are closed; a reading connection's own session and statement
    /// show only in the next reading.
    /// </summary>
    private static async Task<(long Sessions, long Transactions)> ActivityAsync(PostgreSqlServer server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("benchmark-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sessions, xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task WaitForLeaseSessionsToEndAsync(PostgreSqlServer server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("benchmark-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", ApplicationName);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
    }

    private sealed record Sample(double Wall, int[] ExitCodes, int ConnectCalls, int VendorCalls, int SandboxApproved, int Approved, int Skipped, long LeaseSessions, long LeaseStatements, TimeSpan Cpu);
}
