using System.Diagnostics;
using System.Globalization;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Usage;
using Connect.Fulfillment.Usage.Internal;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>
/// The usage workbook's memory as the record count grows (docs/performance.md, "Usage workbook memory"): each size is
/// written by a child process of its own through the reporter's writer path (record checks, record ids, the
/// SpreadCheetah workbook, a temporary file), so that its peak working set and managed heap are its alone.
/// </summary>
public static class UsageMemory
{
    /// <summary>The limit the issue sets: the peak working set of the largest size within this factor of the smallest's.</summary>
    public const double MaxRatio = 1.5;

    private static readonly UsagePeriod Period = new(2026, 11);
    private static readonly string[] Mpns = ["MPN-CPU-HOURS", "MPN-RAM-GB-HOURS", "MPN-STORAGE-GB", "MPN-EGRESS-GB"];

    /// <summary>Runs each size <paramref name="runs"/> times, interleaved, each in a child process; prints a table and the ratio.</summary>
    public static async Task<bool> RunAsync(int[] sizes, int runs, TextWriter output)
    {
        output.WriteLine($"# Usage workbook memory: sizes {string.Join(", ", sizes)}, {runs} run(s) each, interleaved, one child process per run");
        output.WriteLine();
        output.WriteLine("| records | run | write time (s) | peak working set (MiB) | peak managed heap (MiB) | GC allocated (MiB) | workbook (KiB) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var samples = sizes.ToDictionary(s => s, _ => new List<Sample>());
        for (var run = 1; run <= runs; run++)
        {
            foreach (var size in sizes)
            {
                var sample = await RunChildAsync(size);
                samples[size].Add(sample);
                output.WriteLine(Row(size, run.ToString(CultureInfo.InvariantCulture), sample));
            }
        }

        foreach (var size in sizes)
        {
            output.WriteLine(Row(size, "**median**", Median(samples[size])));
        }

        var smallest = Median(samples[sizes.Min()]);
        var largest = Median(samples[sizes.Max()]);
        var ratio = (double)largest.PeakWorkingSet / smallest.PeakWorkingSet;
        var managedRatio = (double)largest.PeakManaged / smallest.PeakManaged;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Peak working set {sizes.Max()} ÷ {sizes.Min()} records: {ratio:0.00} (limit {MaxRatio}); peak managed heap: {managedRatio:0.00}. {(ratio <= MaxRatio ? "ok" : "FAILED")}"));
        return ratio <= MaxRatio;
    }

    /// <summary>The child: writes one workbook of <paramref name="count"/> records and prints its measurements as one line.</summary>
    public static async Task<int> ChildAsync(int count, TextWriter output)
    {
        var peakManaged = 0L;
        using var sampler = new Timer(_ => InterlockedMax(ref peakManaged, GC.GetTotalMemory(false)), null, 0, 5);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var size = await WriteAsync(count);
        var elapsed = Stopwatch.GetElapsedTime(started);
        InterlockedMax(ref peakManaged, GC.GetTotalMemory(false));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"usage-memory {count} {elapsed.TotalSeconds:0.000} {self.PeakWorkingSet64} {Interlocked.Read(ref peakManaged)} {allocated} {size}"));
        return 0;
    }

    /// <summary>
    /// Writes the records the way the reporter does: checked, then streamed to a temporary file. The records come from a
    /// fixed set of 1,000 made before the clock starts and cycled, so that what is measured is the writer's memory, not
    /// the garbage of a source (a real source parses each record from its vendor's answer and lets it go).
    /// </summary>
    private static async Task<long> WriteAsync(int count)
    {
        var assets = Enumerable.Range(0, 10).Select(NewAsset).ToArray();
        var records = Enumerable.Range(0, 1000).Select(i => new UsageRecord
        {
            Mpn = Mpns[i % Mpns.Length],
            Quantity = 0.5m + (i % 977),
            StartTime = Period.Start.AddMinutes(i * 40),
            EndTime = Period.Start.AddMinutes((i * 40) + 30),
            RecordId = string.Create(CultureInfo.InvariantCulture, $"line-{i:0000000}"),
        }).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"connect-usage-benchmark-{Guid.NewGuid():N}.xlsx");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (stream.ConfigureAwait(false))
        {
            var workbook = await UsageWorkbook.CreateAsync(stream, CancellationToken.None);
            await using (workbook.ConfigureAwait(false))
            {
                for (var i = 0; i < count; i++)
                {
                    // 100 records per asset, as a vendor with many metered subscriptions would report.
                    var asset = assets[(i / 100) % assets.Length];
                    var record = records[i % records.Length];
                    if (UsageRecordCheck.Check(record, asset, Period, out var start, out var end) is { } problem)
                    {
                        throw new InvalidOperationException(problem);
                    }

                    await workbook.AddAsync(record.RecordId!, record.Note, record.Mpn, record.Quantity, start, end, asset.Id!, CancellationToken.None);
                }

                await workbook.FinishAsync(CancellationToken.None);
                await stream.FlushAsync();
                return stream.Length;
            }
        }
    }

    private static Asset NewAsset(int index) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"AS-1000-{index:0000}-0000"),
        Product = new Product { Id = "PRD-123-456-789" },
        Items = [.. Mpns.Select(m => new Item { Mpn = m })],
    };

    private static async Task<Sample> RunChildAsync(int count)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(UsageMemory).Assembly.Location);
        start.ArgumentList.Add("usage-memory-child");
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the benchmark child.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith("usage-memory ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The child for {count} records printed no result (exit {child.ExitCode}): {await stderr}");
        var fields = line.Trim().Split(' ');
        return new Sample(
            TimeSpan.FromSeconds(double.Parse(fields[2], CultureInfo.InvariantCulture)),
            long.Parse(fields[3], CultureInfo.InvariantCulture),
            long.Parse(fields[4], CultureInfo.InvariantCulture),
            long.Parse(fields[5], CultureInfo.InvariantCulture),
            long.Parse(fields[6], CultureInfo.InvariantCulture));
    }

    /// <summary>The median of each column on its own.</summary>
    private static Sample Median(List<Sample> samples)
    {
        T Of<T>(Func<Sample, T> column) => samples.Select(column).Order().ElementAt(samples.Count / 2);
        return new Sample(Of(s => s.Elapsed), Of(s => s.PeakWorkingSet), Of(s => s.PeakManaged), Of(s => s.Allocated), Of(s => s.WorkbookBytes));
    }

    private static string Row(int size, string run, Sample s) => string.Create(CultureInfo.InvariantCulture,
        $"| {size} | {run} | {s.Elapsed.TotalSeconds:0.000} | {s.PeakWorkingSet / 1048576.0:0.0} | {s.PeakManaged / 1048576.0:0.0} | {s.Allocated / 1048576.0:0.0} | {s.WorkbookBytes / 1024.0:0} |");

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed record Sample(TimeSpan Elapsed, long PeakWorkingSet, long PeakManaged, long Allocated, long WorkbookBytes);
}
