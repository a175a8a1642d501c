using Connect.Fulfillment.Hosting;
using Connect.Fulfillment.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the hosted fulfillment worker's health check.</summary>
public static class FulfillmentWorkerHealthChecksBuilderExtensions
{
    /// <summary>The name of the default registration's check.</summary>
    public const string DefaultCheckName = "connect-fulfillment-worker";

    /// <summary>
    /// Adds a check of the worker added by <c>AddFulfillmentWorker</c>: healthy when its last run succeeded within
    /// <see cref="FulfillmentWorkerOptions.UnhealthyAfter"/>; degraded before the first run finishes or when the last
    /// run failed after a recent success; <paramref name="failureStatus"/> when no run has succeeded for that long.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="workerName">The name given to <c>AddConnectFulfillment</c>; empty for the default registration.</param>
    /// <param name="failureStatus">The status reported when no run succeeded in time; null for unhealthy.</param>
    /// <param name="tags">Tags of the check, for filtering endpoints.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddFulfillmentWorker(this IHealthChecksBuilder builder, string workerName = "", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workerName);
        var checkName = workerName.Length == 0 ? DefaultCheckName : DefaultCheckName + "-" + workerName;
        return builder.Add(new HealthCheckRegistration(
            checkName,
            provider => new FulfillmentWorkerHealthCheck(
                provider.GetRequiredKeyedService<FulfillmentWorkerState>(workerName),
                provider.GetRequiredService<IOptionsMonitor<FulfillmentWorkerOptions>>().Get(workerName)),
            failureStatus,
            tags));
    }
}
