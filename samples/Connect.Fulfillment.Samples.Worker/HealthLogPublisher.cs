using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>
/// Publishes the health report to the log (when the status changes) and, when <c>Worker:HealthFile</c> is set, to a
/// file holding <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c> — for an exec liveness probe such as
/// <c>grep -qx Healthy /tmp/health</c>.
/// </summary>
internal sealed partial class HealthLogPublisher(ILogger<HealthLogPublisher> logger, string? healthFile) : IHealthCheckPublisher
{
    private HealthStatus? last;

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (last != report.Status)
        {
            var description = string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}"));
            if (report.Status == HealthStatus.Unhealthy)
            {
                LogUnhealthy(logger, report.Status, description);
            }
            else
            {
                LogStatus(logger, report.Status, description);
            }

            last = report.Status;
        }

        if (!string.IsNullOrEmpty(healthFile))
        {
            await File.WriteAllTextAsync(healthFile, report.Status + "\n", cancellationToken);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Health {Status}: {Description}")]
    private static partial void LogStatus(ILogger logger, HealthStatus status, string description);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Health {Status}: {Description}")]
    private static partial void LogUnhealthy(ILogger logger, HealthStatus status, string description);
}
