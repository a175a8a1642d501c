using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Connect.Fulfillment.Benchmarks;

// Benchmarks of Connect.Fulfillment; see docs/performance.md.
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- throughput [--n 2000] [--latency-ms 20] [--concurrency 1,8,32,64] [--runs 3]
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- scale [--sizes 1000,10000,100000] [--concurrency 32]
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- process [--n 2000] [--latency-ms 20] [--concurrency 32] [--runs 3] [--processor-dll path]
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- replicas [--n 2000] [--latency-ms 20] [--concurrency 32] [--replicas 1,2,3] [--runs 1] [--before-dll path]   (needs PostgreSQL server binaries)
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- usage-memory [--sizes 1000,100000] [--runs 3]
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter *]
//   dotnet run -c Release --project tests/Connect.Fulfillment.Benchmarks -- smoke      (seconds; what CI runs)
var mode = args.Length > 0 ? args[0] : "help";
var options = args.Skip(1).ToArray();

switch (mode)
{
    case "throughput":
        return await Scenarios.ThroughputAsync(
            Int(options, "--n", 2000), Int(options, "--latency-ms", 20), Ints(options, "--concurrency", [1, 8, 32, 64]), Int(options, "--runs", 3), Console.Out) ? 0 : 1;
    case "scale":
        return await Scenarios.ScaleAsync(Ints(options, "--sizes", [1000, 10000, 100000]), Int(options, "--concurrency", 32), Console.Out) ? 0 : 1;
    case "scale-worker":
        return await Scenarios.ScaleWorkerAsync(new Uri(options[0]), int.Parse(options[1], CultureInfo.InvariantCulture));
    case "process":
        return await WholeProcess.RunAsync(Int(options, "--n", 2000), Int(options, "--latency-ms", 20), Int(options, "--concurrency", 32), Int(options, "--runs", 3), Console.Out, Text(options, "--processor-dll")) ? 0 : 1;
    case "replicas":
        return await Replicas.RunAsync(
            Int(options, "--n", 2000), Int(options, "--latency-ms", 20), Int(options, "--concurrency", 32), Ints(options, "--replicas", [1, 2, 3]), Int(options, "--runs", 1), Console.Out, Text(options, "--before-dll")) ? 0 : 1;
    case "usage-memory":
        return await UsageMemory.RunAsync(Ints(options, "--sizes", [1000, 100000]), Int(options, "--runs", 3), Console.Out) ? 0 : 1;
    case "usage-memory-child":
        return await UsageMemory.ChildAsync(int.Parse(options[0], CultureInfo.InvariantCulture), Console.Out);
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(options.Length == 0 ? ["--filter", "*"] : options);
        return 0;
    case "smoke":
        var ok = await Scenarios.ThroughputAsync(60, 2, [1, 8], 1, Console.Out);
        ok &= await Scenarios.ScaleAsync([200], 8, Console.Out);
        ok &= await WholeProcess.RunAsync(40, 2, 8, 1, Console.Out);

        // That the mode runs (its children write their workbooks); the ratio of such small sizes is not judged.
        _ = await UsageMemory.RunAsync([100, 1000], 1, Console.Out);
        var dry = DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var reports = BenchmarkRunner.Run(typeof(Program).Assembly, dry);
        ok &= reports.All(r => r.Reports.All(x => x.Success));
        Console.WriteLine(ok ? "benchmark smoke: ok" : "benchmark smoke: FAILED");
        return ok ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: throughput | scale | process | replicas | usage-memory | micro | smoke (see docs/performance.md)");
        return 2;
}

static int Int(string[] options, string name, int fallback)
{
    var index = Array.IndexOf(options, name);
    return index >= 0 && index + 1 < options.Length ? int.Parse(options[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string? Text(string[] options, string name)
{
    var index = Array.IndexOf(options, name);
    return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
}

static int[] Ints(string[] options, string name, int[] fallback)
{
    var index = Array.IndexOf(options, name);
    return index >= 0 && index + 1 < options.Length
        ? options[index + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
        : fallback;
}
