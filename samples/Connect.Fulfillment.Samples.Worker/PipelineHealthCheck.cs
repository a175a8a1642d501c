using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>
/// Healthy when the last run succeeded within <see cref="WorkerOptions.UnhealthyAfter"/>; degraded while the first
/// run has not finished yet (within that time) or when the last run failed but an earlier success is still recent;
/// unhealthy otherwise.
/// </summary>
internal sealed class PipelineHealthCheck(RunState state, WorkerOptions options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (success, failure, error) = state.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["last_success"] = success?.ToString("O") ?? "never",
            ["last_failure"] = failure?.ToString("O") ?? "never",
        };
        HealthCheckResult result;
        if (success is { } ok && now - ok <= options.UnhealthyAfter)
        {
            result = failure is { } bad && bad > ok
                ? HealthCheckResult.Degraded($"the last run failed ({error}); the previous one succeeded at {ok:O}", data: data)
                : HealthCheckResult.Healthy($"the last run succeeded at {ok:O}", data);
        }
        else if (success is null && failure is null && now - state.Started <= options.UnhealthyAfter)
        {
            result = HealthCheckResult.Degraded("no run has finished yet", data: data);
        }
        else
        {
            result = HealthCheckResult.Unhealthy(
                success is null ? $"no run has succeeded since the start ({error ?? "none finished"})" : $"no run has succeeded since {success:O} ({error ?? "none finished"})",
                data: data);
        }

        return Task.FromResult(result);
    }
}
