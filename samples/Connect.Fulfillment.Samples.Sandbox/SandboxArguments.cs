using System.Globalization;
using System.Text;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>The sandbox program's command line (docs/testing.md, "Running the sandbox by hand").</summary>
internal sealed class SandboxArguments
{
    public const string Usage =
        "Usage: --seed-cancels N --latency-ms N [--max-latency-ms N] [--port N] [--vendor] [--vendor-latency-ms N] [--stop-on-stdin-eof] "
        + "[--seed N] [--seed-usage N] [--fail-every N] [--fault-rate P] [--reset-rate P] [--lost-rate P] [--rate-limit-rate P] [--vendor-fault-rate P] "
        + "[--validation-webhook URL] [--events-webhook URL] [--webhook-secret SECRET, else the environment variable Webhook__JwtSecret]";

    /// <summary>HS256 needs a 256-bit key: the sandbox's token signing refuses a shorter secret (ProductBuilder.ValidationWebhook).</summary>
    public const int MinimumSecretBytes = 32;

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

    /// <summary>The validation webhook of the seeded product (the web sample's <c>/connect/validation</c>), or null.</summary>
    public Uri? ValidationWebhook { get; private set; }

    /// <summary>The events webhook of the seeded product (the web sample's <c>/connect/events</c>), or null.</summary>
    public Uri? EventsWebhook { get; private set; }

    /// <summary>The secret both webhooks' tokens are signed with; never printed.</summary>
    public string? WebhookSecret { get; private set; }

    /// <summary>
    /// The environment variable read for the secret when <c>--webhook-secret</c> is not given: the web sample's own
    /// setting, so one exported value serves both programs and the secret stays off the command line (and out of <c>ps</c>).
    /// </summary>
    public const string SecretVariable = "Webhook__JwtSecret";

    /// <summary>Parses the arguments; returns null and writes the reason to <paramref name="error"/> when they are wrong.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable (<see cref="SecretVariable"/>).</param>
    /// <param name="error">Why the arguments are wrong; never contains the secret.</param>
    public static SandboxArguments? Parse(string[] args, Func<string, string?> environment, out string? error)
    {
        var parsed = new SandboxArguments();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                // Not echoed: a stray value may be a secret given without its option.
                error = string.Create(CultureInfo.InvariantCulture, $"Argument {i + 1} is a value with no option before it. {Usage}");
                return null;
            }

            if (name.Contains('=', StringComparison.Ordinal))
            {
                // Only the option's name: "--webhook-secret=…" must not echo the secret.
                error = $"'{name.Split('=')[0]}' takes its value as the next argument, not after '='. {Usage}";
                return null;
            }

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

        error = parsed.CheckWebhooks(environment);
        return error is null ? parsed : null;
    }

    /// <summary>The secret goes with the webhooks: required by either, useless without both, and long enough to sign with.</summary>
    private string? CheckWebhooks(Func<string, string?> environment)
    {
        var anyWebhook = ValidationWebhook is not null || EventsWebhook is not null;
        if (!anyWebhook && WebhookSecret is not null)
        {
            return $"'--webhook-secret' is used only with --validation-webhook or --events-webhook. {Usage}";
        }

        if (!anyWebhook)
        {
            // The variable may be set for the web sample in the same shell; without webhooks it is not ours to check.
            return null;
        }

        var source = "'--webhook-secret'";
        if (WebhookSecret is null && environment(SecretVariable) is { Length: > 0 } fromEnvironment)
        {
            WebhookSecret = fromEnvironment;
            source = $"The environment variable {SecretVariable}";
        }

        if (WebhookSecret is null)
        {
            return $"'--webhook-secret' (or the environment variable {SecretVariable}) is required with --validation-webhook or --events-webhook. {Usage}";
        }

        // The secret itself is never repeated, not even in part.
        return Encoding.UTF8.GetByteCount(WebhookSecret) < MinimumSecretBytes
            ? $"{source} must be at least {MinimumSecretBytes} bytes long (HS256 signs with a 256-bit key). {Usage}"
            : null;
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
            case "--validation-webhook": return Webhook(name, value, v => ValidationWebhook = v);
            case "--events-webhook": return Webhook(name, value, v => EventsWebhook = v);
            case "--webhook-secret":
                WebhookSecret = value;
                return null;
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

    private static string? Webhook(string name, string text, Action<Uri> set)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.UserInfo.Length > 0)
        {
            return $"'{name}' needs an absolute http or https URL without user information, e.g. http://127.0.0.1:5080/connect/events. {Usage}";
        }

        set(url);
        return null;
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
