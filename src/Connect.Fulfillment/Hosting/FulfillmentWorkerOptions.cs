namespace Connect.Fulfillment.Hosting;

/// <summary>
/// Settings of the hosted fulfillment worker added by <c>AddFulfillmentWorker</c>: how often it runs the pipeline and
/// when its health check turns unhealthy. Validated when the host starts.
/// </summary>
public sealed class FulfillmentWorkerOptions
{
    /// <summary>
    /// The time from the start of one run to the start of the next; default one minute, from one second to one day.
    /// The first run starts when the host starts. A run that overruns the interval delays the next one: runs never overlap.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the health check waits for a successful run before it reports the failure status; null (the
    /// default) means three intervals. From the interval to one day.
    /// </summary>
    public TimeSpan? UnhealthyAfter { get; set; }

    /// <summary>The longest interval accepted.</summary>
    internal static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>The time without a successful run after which the worker is unhealthy.</summary>
    internal TimeSpan EffectiveUnhealthyAfter => UnhealthyAfter ?? Interval * 3;
}
