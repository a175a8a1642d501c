using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Samples.Worker;

/// <summary>What the worker's last runs did, read by the health check.</summary>
internal sealed class RunState(TimeProvider clock)
{
    private readonly Lock gate = new();

    public DateTimeOffset Started { get; } = clock.GetUtcNow();

    public DateTimeOffset? LastSuccess { get; private set; }

    public DateTimeOffset? LastFailure { get; private set; }

    public string? LastError { get; private set; }

    public RunSummary? LastSummary { get; private set; }

    public void Succeeded(RunSummary summary)
    {
        lock (gate)
        {
            LastSuccess = clock.GetUtcNow();
            LastSummary = summary;
            LastError = null;
        }
    }

    public void Failed(string error)
    {
        lock (gate)
        {
            LastFailure = clock.GetUtcNow();
            LastError = error;
        }
    }

    public (DateTimeOffset? Success, DateTimeOffset? Failure, string? Error) Snapshot()
    {
        lock (gate)
        {
            return (LastSuccess, LastFailure, LastError);
        }
    }
}
