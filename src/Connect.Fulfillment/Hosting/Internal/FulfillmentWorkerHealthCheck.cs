using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connect.Fulfillment.Hosting.Internal;

/// <summary>
/// Healthy when the last run succeeded within <see cref="FulfillmentWorkerOptions.UnhealthyAfter"/>; degraded while the
/// first run has not finished yet, or when the last run failed but a success is still that recent; otherwise the
/// registration's failure status (unhealthy by default).
/// </summary>
internal sealed class FulfillmentWorkerHealthCheck(FulfillmentWorkerState state, FulfillmentWorkerOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = state.Clock.GetUtcNow();
        var limit = options.EffectiveUnhealthyAfter;
        var (started, success, failure, error) = state.Current;
        var data = new Dictionary<string, object>
        {
            ["last_success"] = Format(success),
            ["last_failure"] = Format(failure),
        };

        HealthCheckResult result;
        if (success is { } ok && now - ok <= limit)
        {
            result = failure is { } bad && bad > ok
                ? HealthCheckResult.Degraded($"the last run failed ({error}); the one before succeeded at {Format(ok)}", data: data)
                : HealthCheckResult.Healthy($"the last run succeeded at {Format(ok)}", data);
        }
        else if (success is null && failure is null && now - started <= limit)
        {
            result = HealthCheckResult.Degraded("no run has finished yet", data: data);
        }
        else
        {
            var since = success is null ? "since the start" : $"since {Format(success)}";
            result = new HealthCheckResult(context.Registration.FailureStatus, $"no run has succeeded {since} ({error ?? "none finished"})", data: data);
        }

        return Task.FromResult(result);
    }

    private static string Format(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? "never";
}
