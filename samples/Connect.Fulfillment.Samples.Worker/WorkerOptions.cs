using System.Globalization;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>Settings of the worker host: <c>Worker:IntervalSeconds</c> (default 60) and <c>Worker:UnhealthyAfterSeconds</c>.</summary>
internal sealed class WorkerOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long without a successful run before the health check reports unhealthy; default 3 intervals (at least 5 minutes).</summary>
    public TimeSpan UnhealthyAfter { get; init; }

    public static WorkerOptions Load(IConfiguration configuration)
    {
        var interval = Seconds(configuration, "Worker:IntervalSeconds") ?? 60;
        var fallback = Math.Max(interval * 3, 300);
        var unhealthyAfter = Seconds(configuration, "Worker:UnhealthyAfterSeconds") ?? fallback;
        return new WorkerOptions { Interval = TimeSpan.FromSeconds(interval), UnhealthyAfter = TimeSpan.FromSeconds(unhealthyAfter) };
    }

    private static int? Seconds(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 86_400)
        {
            throw new SampleConfigurationException(key, $"{key} must be a whole number of seconds between 1 and 86400; got '{text}'.");
        }

        return value;
    }
}
