using System.Diagnostics;
using System.Globalization;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>The end-to-end scenarios of docs/performance.md: throughput against latency, and scale.</summary>
public static class Scenarios
{
    /// <summary>
    /// Page size of the scale runs: 1000, the cap Connect's pagination class is named after. The sandbox filters by
    /// scanning its store on every list call, so smaller pages would measure the sandbox, not the processor.
    /// </summary>
    public const int ScalePageSize = 1000;

    public static async Task<ConnectSandbox> StartSeededSandboxAsync(int count, TimeSpan latency, int maxPageSize = 100)
    {
        var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Latency = latency, MaxPageSize = maxPageSize });
        sandbox.Products.Add(ProcessorRun.ProductId, p => p.Template(ProcessorRun.TemplateId));
        sandbox.SeedRequests(count, (i, r) => r
            .Type("cancel").Status("pending").Product(ProcessorRun.ProductId).Environment("preview")
            .Parameter("subscription_id", phase: "fulfillment", value: string.Create(CultureInfo.InvariantCulture, $"SUB-{i:000000}")));
        return sandbox;
    }

    /// <summary>N pending cancels, latency L on every Connect and vendor call; wall time against the lower bound.</summary>
    public static async Task<bool> ThroughputAsync(int count, int latencyMs, IReadOnlyList<int> concurrencies, int runs, TextWriter output)
    {
        var latency = TimeSpan.FromMilliseconds(latencyMs);
        output.WriteLine($"# Throughput: N = {count}, L = {latencyMs} ms, {runs} run(s) each, median reported");
        output.WriteLine();
        output.WriteLine("| concurrency | wall time (s) | Connect calls / request | of which list pages | vendor calls / request | lower bound (s) | ratio to bound | template lookups |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ok = true;
        foreach (var concurrency in concurrencies)
        {
            var samples = new List<(double Wall, double Bound, int Connect, int Lists, int Templates)>();
            for (var run = 0; run < runs; run++)
            {
                await using var sandbox = await StartSeededSandboxAsync(count, latency);
                var started = Stopwatch.GetTimestamp();
                var summary = await ProcessorRun.RunAsync(sandbox.BaseUrl, sandbox.ApiKey, concurrency, latency);
                var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var connectCalls = sandbox.CallLog.Total;
                var lists = sandbox.CallLog.Count(e => e.Method == "GET" && (e.RelativePath == "/requests" || e.RelativePath == "/tier/config-requests"));
                var templates = sandbox.CallLog.Count(e => e.RelativePath.Contains("/templates", StringComparison.Ordinal));
                var bound = (connectCalls + (double)count) * latency.TotalSeconds / concurrency;
                samples.Add((wall, bound, connectCalls, lists, templates));
                if (summary.Approved != count)
                {
                    output.WriteLine($"<!-- run {run}: only {summary.Approved} of {count} approved -->");
                    ok = false;
                }
            }

            var median = samples.OrderBy(s => s.Wall / s.Bound).ElementAt(samples.Count / 2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {median.Wall:0.00} | {(double)median.Connect / count:0.000} | {(double)median.Lists / count:0.000} | 1.000 | {median.Bound:0.00} | {median.Wall / median.Bound:0.00} | {median.Templates} |"));
        }

        output.WriteLine();
        return ok;
    }

    /// <summary>L = 0 and growing N; the processor runs in a child process so its memory is measured alone.</summary>
    public static async Task<bool> ScaleAsync(IReadOnlyList<int> sizes, int concurrency, TextWriter output)
    {
        output.WriteLine($"# Scale: L = 0, concurrency {concurrency}, page size {ScalePageSize}, processor in its own process");
        output.WriteLine();
        output.WriteLine("| N | processor wall time (s) | time per 1000 requests (s) | processor peak working set (MiB) | approved |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        var ok = true;
        foreach (var size in sizes)
        {
            await using var sandbox = await StartSeededSandboxAsync(size, TimeSpan.Zero, ScalePageSize);
            var (wall, peak, approved) = await RunWorkerProcessAsync(sandbox, concurrency);
            ok &= approved == size;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size} | {wall:0.00} | {wall * 1000 / size:0.000} | {peak / 1024.0 / 1024.0:0.0} | {approved} |"));
        }

        output.WriteLine();
        return ok;
    }

    private static async Task<(double Wall, long PeakBytes, int Approved)> RunWorkerProcessAsync(ConnectSandbox sandbox, int concurrency)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Scenarios).Assembly.Location);
        start.ArgumentList.Add("scale-worker");
        start.ArgumentList.Add(sandbox.BaseUrl.ToString());
        start.ArgumentList.Add(concurrency.ToString(CultureInfo.InvariantCulture));
        start.Environment["CONNECT_BENCH_KEY"] = sandbox.ApiKey;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var values = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (process.ExitCode != 0 || !values.ContainsKey("wall-seconds"))
        {
            throw new InvalidOperationException($"The worker process failed ({process.ExitCode}): {await stderr}");
        }

        return (double.Parse(values["wall-seconds"], CultureInfo.InvariantCulture),
            long.Parse(values["peak-working-set"], CultureInfo.InvariantCulture),
            int.Parse(values["approved"], CultureInfo.InvariantCulture));
    }

    /// <summary>The child side of <see cref="ScaleAsync"/>: one run, then its own wall time and peak working set.</summary>
    public static async Task<int> ScaleWorkerAsync(Uri endpoint, int concurrency)
    {
        var key = Environment.GetEnvironmentVariable("CONNECT_BENCH_KEY") ?? throw new InvalidOperationException("CONNECT_BENCH_KEY is not set.");
        var started = Stopwatch.GetTimestamp();
        var summary = await ProcessorRun.RunAsync(endpoint, key, concurrency, TimeSpan.Zero, ScalePageSize);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall-seconds: {wall}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak-working-set: {self.PeakWorkingSet64}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"approved: {summary.Approved}"));
        return 0;
    }
}
