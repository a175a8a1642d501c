using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>
/// The names under which the webhook endpoints report traces and metrics. Subscribe with OpenTelemetry's
/// <c>AddSource(ConnectWebhookTelemetry.ActivitySourceName)</c> and <c>AddMeter(ConnectWebhookTelemetry.MeterName)</c>.
/// </summary>
public static class ConnectWebhookTelemetry
{
    /// <summary>The name of the package's <see cref="System.Diagnostics.ActivitySource"/>: one span per validation call.</summary>
    public const string ActivitySourceName = "Connect.Fulfillment.AspNetCore";

    /// <summary>The name of the package's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Connect.Fulfillment.AspNetCore";

    /// <summary>The counter of webhook calls answered, tagged <c>connect.webhook.endpoint</c> (<c>validation</c> or <c>events</c>) and <c>http.response.status_code</c>.</summary>
    public const string CallsCounterName = "connect.webhook.calls";

    private static readonly string Version = typeof(ConnectWebhookTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsCounterName, "{call}", "Connect webhook calls answered.");

    internal static void CountCall(string endpoint, int statusCode)
        => Calls.Add(1, new TagList { { "connect.webhook.endpoint", endpoint }, { "http.response.status_code", statusCode } });
}
