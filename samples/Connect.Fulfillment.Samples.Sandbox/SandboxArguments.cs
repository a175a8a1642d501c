using System.Globalization;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>The sandbox program's command line (docs/testing.md, "Running the sandbox by hand").</summary>
internal sealed class SandboxArguments
{
    public const string Usage =
        "Usage: --seed-cancels N --latency-ms N [--max-latency-ms N] [--port N] [--vendor] [--vendor-latency-ms N] [--stop-on-stdin-eof] "
        + "[--seed N] [--seed-usage N] [--fail-every N] [--fault-rate P] [--reset-rate P] [--lost-rate P] [--rate-limit-rate P] [--vendor-fault-rate P]";

    public int SeedCancels { get; private set; } = 10;

    /// <summary>Active subscriptions of a pay-as-you-go product seeded with vendor usage (<see cref="UsageSeed"/>); 0 for none.</summary>
    public int SeedUsage { get; private set; }

    public int LatencyMs { get; private set; }

    /// <summary>The upper bound of a random Connect latency, or null for a fixed one.</summary>
    public int? MaxLatencyMs { get; private set; }

    public int VendorLatencyMs { get; private set; }

    public int Port { get; private set; }

    public bool WithVendor { get; private set; }

    public bool StopOnStdinEof { get; private set; }

    /// <summary>Seeds every random choice: latency, faults, the generated key and which vendor subscriptions fail once.</summary>
    public int Seed { get; private set; } = 1;

    /// <summary>Every Nth cancel has no subscription at the vendor, so a processor fails it; 0 for none.</summary>
    public int FailEvery { get; private set; }

    /// <summary>The share of Connect calls answered 502 without being handled.</summary>
    public double FaultRate { get; private set; }

    /// <summary>The share of Connect calls whose connection is reset before they are handled.</summary>
    public double ResetRate { get; private set; }

    /// <summary>The share of Connect writes (POST, PUT) applied and then answered 500 or cut off: a lost answer.</summary>
    public double LostRate { get; private set; }

    /// <summary>The share of Connect calls answered 429 with <c>Retry-After: 1</c>.</summary>
    public double RateLimitRate { get; private set; }

    /// <summary>The share of vendor subscriptions whose first call is answered 503 or 429.</summary>
    public double VendorFaultRate { get; private set; }

    /// <summary>Parses the arguments; returns null and writes the reason to <paramref name="error"/> when they are wrong.</summary>
    public static SandboxArguments? Parse(string[] args, out string? error)
    {
        var parsed = new SandboxArguments();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--vendor" or "--stop-on-stdin-eof")
            {
                parsed.WithVendor |= name == "--vendor";
                parsed.StopOnStdinEof |= name == "--stop-on-stdin-eof";
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"'{name}' needs a value. {Usage}";
                return null;
            }

            var value = args[++i];
            error = parsed.Set(name, value);
            if (error is not null)
            {
                return null;
            }
        }

        return parsed;
    }

    private string? Set(string name, string value)
    {
        switch (name)
        {
            case "--seed-cancels": return Count(value, v => SeedCancels = v);
            case "--seed-usage": return Count(value, v => SeedUsage = v);
            case "--latency-ms": return Count(value, v => LatencyMs = v);
            case "--max-latency-ms": return Count(value, v => MaxLatencyMs = v);
            case "--vendor-latency-ms": return Count(value, v => VendorLatencyMs = v);
            case "--port": return Count(value, v => Port = v);
            case "--fail-every": return Count(value, v => FailEvery = v);
            case "--seed":
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                {
                    return $"'--seed' needs a whole number, not '{value}'. {Usage}";
                }

                Seed = seed;
                return null;
            case "--fault-rate": return Rate(name, value, v => FaultRate = v);
            case "--reset-rate": return Rate(name, value, v => ResetRate = v);
            case "--lost-rate": return Rate(name, value, v => LostRate = v);
            case "--rate-limit-rate": return Rate(name, value, v => RateLimitRate = v);
            case "--vendor-fault-rate": return Rate(name, value, v => VendorFaultRate = v);
            default: return $"Unknown argument '{name}'. {Usage}";
        }

        string? Count(string text, Action<int> set)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return $"'{name}' needs a number of zero or more, not '{text}'. {Usage}";
            }

            set(number);
            return null;
        }
    }

    private static string? Rate(string name, string text, Action<double> set)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate > 1)
        {
            return $"'{name}' needs a share from 0 to 1 (e.g. 0.05), not '{text}'. {Usage}";
        }

        set(rate);
        return null;
    }
}
