using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>The <c>Worker:*</c> keys (docs/configuration.md), checked when the host starts.</summary>
internal sealed class WorkerSettings
{
    public int IntervalSeconds { get; set; } = 60;

    public int? UnhealthyAfterSeconds { get; set; }

    public string? HealthFile { get; set; }

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
    // Default: three intervals, at least five minutes, at most a day.
    public TimeSpan UnhealthyAfter => TimeSpan.FromSeconds(UnhealthyAfterSeconds ?? Math.Clamp(IntervalSeconds * 3L, 300, 86_400));

    internal sealed class Validator : IValidateOptions<WorkerSettings>
    {
        public ValidateOptionsResult Validate(string? name, WorkerSettings options)
        {
            var failure = Check.Range("Worker:IntervalSeconds", options.IntervalSeconds, 1, 86_400)
                ?? (options.UnhealthyAfterSeconds is { } after ? Check.Range("Worker:UnhealthyAfterSeconds", after, options.IntervalSeconds, 86_400) : null)
                ?? (options.HealthFile is { } path ? Check.Writable("Worker:HealthFile", path) : null);
            return failure is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failure);
        }
    }
}
