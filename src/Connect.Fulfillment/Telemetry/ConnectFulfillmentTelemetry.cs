using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Connect.Fulfillment.Telemetry;

/// <summary>
/// The names under which the library reports traces and metrics. Subscribe with OpenTelemetry's
/// <c>AddSource(ConnectFulfillmentTelemetry.ActivitySourceName)</c> and <c>AddMeter(ConnectFulfillmentTelemetry.MeterName)</c>.
/// </summary>
public static class ConnectFulfillmentTelemetry
{
    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>: one span per request and per transition.</summary>
    public const string ActivitySourceName = "Connect.Fulfillment";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Connect.Fulfillment";

    /// <summary>The counter of handled requests, tagged <c>connect.request.kind</c>, <c>connect.request.type</c> and <c>connect.outcome</c>.</summary>
    public const string RequestsCounterName = "connect.fulfillment.requests";

    /// <summary>The histogram of request processing durations in seconds, tagged like the counter.</summary>
    public const string DurationHistogramName = "connect.fulfillment.request.duration";

    /// <summary>The counter of transitions applied to Connect, tagged <c>connect.transition</c> and <c>connect.result</c>.</summary>
    public const string TransitionsCounterName = "connect.fulfillment.transitions";

    private static readonly string Version = typeof(ConnectFulfillmentTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsCounterName, "{request}", "Requests handled by the fulfillment pipeline.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationHistogramName, "s", "Time to handle one request, handler and Connect calls included.");

    internal static readonly Counter<long> Transitions = Meter.CreateCounter<long>(TransitionsCounterName, "{transition}", "Transitions applied to Connect.");
}
