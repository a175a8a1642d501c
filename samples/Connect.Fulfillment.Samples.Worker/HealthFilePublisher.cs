using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>Logs health changes; writes the status to <c>Worker:HealthFile</c> for an exec probe (<c>grep -qx Healthy</c>).</summary>
internal sealed partial class HealthFilePublisher(ILogger<HealthFilePublisher> logger, IOptions<WorkerSettings> settings) : IHealthCheckPublisher
{
    private HealthStatus? last;

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        if (last != report.Status)
        {
            LogStatus(logger, report.Status == HealthStatus.Unhealthy ? LogLevel.Warning : LogLevel.Information, report.Status, string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));
            last = report.Status;
        }

        if (settings.Value.HealthFile is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report.Status + "\n", cancellationToken);
        }
    }

    [LoggerMessage(EventId = 6001, Message = "Health {Status}: {Description}")]
    private static partial void LogStatus(ILogger logger, LogLevel level, HealthStatus status, string description);
}
