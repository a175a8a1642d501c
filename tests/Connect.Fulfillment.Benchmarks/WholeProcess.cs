using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>
/// The whole-process run of docs/performance.md: the standalone sandbox program (Connect sandbox and fake vendor, each
/// answering after L) in one process, the processor sample in another, timed from its start to its exit.
/// </summary>
public static class WholeProcess
{
    /// <summary>The product the sandbox program seeds.</summary>
    public const string SandboxProductId = "PRD-100-000-001";

    public static string ProcessorDll => Metadata("ProcessorDll");

    public static string SandboxDll => Metadata("SandboxDll");

    /// <summary>N pending cancels, L on every Connect and vendor call; the processor's wall time against the lower bound.</summary>
    /// <param name="processorDll">The processor to run: the built sample when null, or for example a ReadyToRun publish of it.</param>
    public static async Task<bool> RunAsync(int count, int latencyMs, int concurrency, int runs, TextWriter output, string? processorDll = null)
    {
        processorDll ??= ProcessorDll;
        output.WriteLine($"# Whole process: N = {count}, L = {latencyMs} ms on Connect and vendor, Fulfillment:MaxConcurrency = {concurrency}, {runs} run(s), median reported");
        output.WriteLine($"Processor: {processorDll}");
        output.WriteLine();
        output.WriteLine("| run | processor wall time (s) | Connect calls / request | of which list pages | vendor calls / request | lower bound (s) | wall ÷ bound | processor CPU / request (ms) | exit code | approved |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ok = true;
        var samples = new List<Sample>();
        for (var run = 1; run <= runs; run++)
        {
            var sample = await RunOnceAsync(processorDll, count, latencyMs, concurrency);
            samples.Add(sample);
            ok &= sample.ExitCode == 0 && sample.Approved == count && sample.SandboxApproved == count;
            output.WriteLine(Row(run.ToString(CultureInfo.InvariantCulture), sample, count, latencyMs, concurrency));
        }

        var median = samples.OrderBy(s => s.Wall).ElementAt(samples.Count / 2);
        output.WriteLine(Row("**median**", median, count, latencyMs, concurrency));

        // The fixed cost: the same process with nothing to do (start-up, two count calls, one listing, exit).
        var idle = await RunOnceAsync(processorDll, 0, latencyMs, concurrency);
        ok &= idle.ExitCode == 0;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Processor start-up to exit with no pending request: {idle.Wall:0.00} s ({idle.ConnectCalls} Connect calls)."));
        output.WriteLine();
        return ok;
    }

    private static string Row(string label, Sample s, int count, int latencyMs, int concurrency)
    {
        var bound = (s.ConnectCalls + (double)s.VendorCalls) * latencyMs / 1000.0 / concurrency;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {s.Wall:0.00} | {(double)s.ConnectCalls / count:0.000} | {(double)s.ListCalls / count:0.000} | {(double)s.VendorCalls / count:0.000} | {bound:0.00} | {s.Wall / bound:0.00} | {s.Cpu.TotalMilliseconds / count:0.00} | {s.ExitCode} | {s.Approved} |");
    }

    private static async Task<Sample> RunOnceAsync(string processorDll, int count, int latencyMs, int concurrency)
    {
        var sandboxStart = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { SandboxDll, "--seed-cancels", Text(count), "--latency-ms", Text(latencyMs), "--vendor", "--vendor-latency-ms", Text(latencyMs), "--stop-on-stdin-eof" })
        {
            sandboxStart.ArgumentList.Add(argument);
        }

        using var sandbox = Process.Start(sandboxStart) ?? throw new InvalidOperationException("Could not start the sandbox program.");
        var sandboxErrors = sandbox.StandardError.ReadToEndAsync();
        try
        {
            var ready = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!ready.ContainsKey("seeded-cancels"))
            {
                var line = await sandbox.StandardOutput.ReadLineAsync()
                    ?? throw new InvalidOperationException($"The sandbox program ended before it was ready: {await sandboxErrors}");
                AddPair(ready, line);
            }

            var processorStart = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            processorStart.ArgumentList.Add(processorDll);
            processorStart.Environment["Connect__Endpoint"] = ready["connect-url"];
            processorStart.Environment["Connect__ApiKey"] = ready["connect-api-key"];
            processorStart.Environment["Connect__Products"] = ready["product"];
            processorStart.Environment["Vendor__BaseUrl"] = ready["vendor-url"];
            processorStart.Environment["Vendor__ApiKey"] = ready["vendor-api-key"];
            processorStart.Environment["Fulfillment__MaxConcurrency"] = Text(concurrency);

            var cpuBefore = ChildCpu.Total();
            var started = Stopwatch.GetTimestamp();
            using var processor = Process.Start(processorStart) ?? throw new InvalidOperationException("Could not start the processor sample.");
            var processorOutput = processor.StandardOutput.ReadToEndAsync();
            var processorErrors = processor.StandardError.ReadToEndAsync();
            await processor.WaitForExitAsync();
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = ChildCpu.Total() - cpuBefore;
            var summary = Pairs(await processorOutput);
            if (processor.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"processor exit code {processor.ExitCode}: {await processorErrors}");
            }

            // Closing its input stops the sandbox program, which then prints the calls it received and the statuses.
            sandbox.StandardInput.Close();
            var tally = Pairs(await sandbox.StandardOutput.ReadToEndAsync());
            await sandbox.WaitForExitAsync();
            return new Sample(
                wall,
                processor.ExitCode,
                Number(tally, "connect-calls"),
                Number(tally, "connect-list-calls"),
                Number(tally, "vendor-calls"),
                Number(tally, "requests-approved"),
                Number(summary, "approved"),
                cpu);
        }
        finally
        {
            if (!sandbox.HasExited)
            {
                sandbox.Kill();
                await sandbox.WaitForExitAsync();
            }
        }
    }

    internal static Dictionary<string, string> Pairs(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            AddPair(pairs, line);
        }

        return pairs;
    }

    internal static void AddPair(Dictionary<string, string> pairs, string line)
    {
        var parts = line.Split(':', 2);
        if (parts.Length == 2)
        {
            pairs[parts[0].Trim()] = parts[1].Trim();
        }
    }

    internal static int Number(Dictionary<string, string> pairs, string key)
        => pairs.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Metadata(string key)
        => typeof(WholeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"{key} is not set.");

    private sealed record Sample(double Wall, int ExitCode, int ConnectCalls, int ListCalls, int VendorCalls, int SandboxApproved, int Approved, TimeSpan Cpu);
}
