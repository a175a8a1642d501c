using System.Threading.Channels;
using Connect.Fulfillment.Hosting;
using Connect.Fulfillment.Hosting.Internal;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Tests.Hosting;

/// <summary>The hosted worker's loop on a <see cref="FakeTimeProvider"/>: runs on each tick, one at a time, through failures.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class FulfillmentWorkerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    // A safety net against a hang, never a timing the test depends on.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Runs_at_start_and_then_once_per_interval()
    {
        await using var w = new WorkerHarness();
        await w.StartAsync();

        await w.CompleteNextRunAsync(RunResult.Summary());
        Assert.That(w.Runs, Is.EqualTo(1));

        w.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.That(w.Pending, Is.Zero, "no run before the interval has passed");
        w.Clock.Advance(TimeSpan.FromSeconds(1));
        await w.CompleteNextRunAsync(RunResult.Summary());
        w.Clock.Advance(Interval);
        await w.CompleteNextRunAsync(RunResult.Summary());

        Assert.That(w.Runs, Is.EqualTo(3));
        Assert.That(w.Log.Collector.GetSnapshot().Select(r => r.Message), Has.Some.StartsWith("Run 3 finished"));
    }

    [Test]
    public async Task A_run_longer_than_the_interval_is_never_overlapped()
    {
        await using var w = new WorkerHarness();
        await w.StartAsync();
        var first = await w.NextRunAsync();

        w.Clock.Advance(Interval * 3);
        Assert.That(w.Pending, Is.Zero, "a tick must not start a second run while one is in progress");
        Assert.That(w.InProgressMax, Is.EqualTo(1));

        first.Complete(RunResult.Summary());
        await w.RunLoggedAsync(1);
        await w.CompleteNextRunAsync(RunResult.Summary());
        Assert.That(w.Pending, Is.Zero, "the missed ticks collapse into one run");
        Assert.That(w.InProgressMax, Is.EqualTo(1));
        Assert.That(w.Runs, Is.EqualTo(2));
    }

    [Test]
    public async Task Failed_runs_are_logged_and_the_worker_recovers()
    {
        await using var w = new WorkerHarness();
        await w.StartAsync();

        await w.CompleteNextRunAsync(RunResult.Throw(new FulfillmentRunException("listing failed", new ConnectUnauthorizedException("401"))));
        Assert.That((await w.HealthAsync()).Status, Is.EqualTo(HealthStatus.Unhealthy), "never succeeded");

        w.Clock.Advance(Interval);
        await w.CompleteNextRunAsync(RunResult.Throw(new InvalidOperationException("boom")));
        w.Clock.Advance(Interval);
        await w.CompleteNextRunAsync(RunResult.Summary());
        Assert.That((await w.HealthAsync()).Status, Is.EqualTo(HealthStatus.Healthy));

        w.Clock.Advance(Interval);
        await w.CompleteNextRunAsync(RunResult.Throw(new HttpRequestException("reset")));
        var degraded = await w.HealthAsync();
        Assert.That(degraded.Status, Is.EqualTo(HealthStatus.Degraded), "failed after a recent success");
        Assert.That(degraded.Description, Does.Contain("reset"));

        var messages = w.Log.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(messages, Has.Some.Contains("Run 1 stopped early: Connect refused the credentials: listing failed"));
        Assert.That(messages, Has.Some.StartsWith("Run 2 failed"));
        Assert.That(messages, Has.Some.StartsWith("Run 3 finished"));
        Assert.That(w.Log.Collector.GetSnapshot().Single(r => r.Message.StartsWith("Run 2 failed", StringComparison.Ordinal)).Exception, Is.InstanceOf<InvalidOperationException>());
        Assert.That(w.Runs, Is.EqualTo(4));
    }

    [Test]
    public async Task Health_is_degraded_until_the_first_run_and_unhealthy_when_none_finishes_in_time()
    {
        await using var w = new WorkerHarness(o => o.UnhealthyAfter = Interval * 2);
        await w.StartAsync();
        var first = await w.NextRunAsync();

        var starting = await w.HealthAsync();
        Assert.That(starting.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(starting.Description, Does.Contain("no run has finished yet"));

        w.Clock.Advance((Interval * 2) + TimeSpan.FromSeconds(1));
        Assert.That((await w.HealthAsync()).Status, Is.EqualTo(HealthStatus.Unhealthy), "a run stuck longer than UnhealthyAfter");

        first.Complete(RunResult.Summary());
        await w.CompleteNextRunAsync(RunResult.Summary());
        Assert.That((await w.HealthAsync()).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Stopping_during_a_run_cancels_its_token_waits_for_its_summary_and_logs_it()
    {
        await using var w = new WorkerHarness();
        await w.StartAsync();
        var run = await w.NextRunAsync();

        var stopping = w.StopAsync();
        await run.Cancelled.WaitAsync(Patience);
        Assert.That(stopping.IsCompleted, Is.False, "the host waits while the run applies its decided outcomes");
        run.Complete(RunResult.Summary(cancelled: true));
        await stopping.WaitAsync(Patience);

        var messages = w.Log.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(messages, Has.Some.Contains("Run 1 finished").And.Contains("retry-later 1, cancelled True"));
        Assert.That(messages, Has.Some.Contains("Request PR-1 (cancel) retry-later: not started: the run was cancelled"));
        Assert.That(messages.Last(), Is.EqualTo("Fulfillment worker stopped after 1 runs"));
        Assert.That(w.Runs, Is.EqualTo(1));
    }

    [Test]
    public async Task A_run_cancelled_before_it_started_is_logged_and_the_worker_stops()
    {
        await using var w = new WorkerHarness();
        await w.StartAsync();
        var run = await w.NextRunAsync();

        var stopping = w.StopAsync();
        await run.Cancelled.WaitAsync(Patience);
        run.Complete(RunResult.Throw(new OperationCanceledException()));
        await stopping.WaitAsync(Patience);

        var messages = w.Log.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(messages, Has.Some.EqualTo("Run 1 cancelled by shutdown before it started"));
        Assert.That(messages.Last(), Is.EqualTo("Fulfillment worker stopped after 1 runs"));
    }

    /// <summary>A worker whose runs the test completes by hand.</summary>
    private sealed class WorkerHarness : IAsyncDisposable
    {
        private readonly Channel<PendingRun> runs = Channel.CreateUnbounded<PendingRun>();
        private readonly FulfillmentWorker worker;
        private readonly FulfillmentWorkerState state;
        private readonly FulfillmentWorkerOptions options = new() { Interval = Interval };
        private int inProgress;
        private int inProgressMax;
        private int count;
        private PendingRun? current;

        public WorkerHarness(Action<FulfillmentWorkerOptions>? configure = null)
        {
            configure?.Invoke(options);
            state = new FulfillmentWorkerState(Clock);
            worker = new FulfillmentWorker(RunAsync, state, options, Log);
        }

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public FakeLogger<FulfillmentWorker> Log { get; } = new();

        public int Runs => Volatile.Read(ref count);

        public int InProgressMax => Volatile.Read(ref inProgressMax);

        public int Pending => runs.Reader.Count;

        public Task StartAsync() => worker.StartAsync(CancellationToken.None);

        public Task StopAsync() => worker.StopAsync(CancellationToken.None);

        public async Task<PendingRun> NextRunAsync() => await runs.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        /// <summary>Ends the next run and waits until the worker has logged how it ended.</summary>
        public async Task CompleteNextRunAsync(RunResult outcome)
        {
            var run = await NextRunAsync();
            run.Complete(outcome);
            await RunLoggedAsync(run.Number);
        }

        /// <summary>Waits for the worker's "Run N …" line, written once it has recorded the run's end.</summary>
        public async Task RunLoggedAsync(int number)
        {
            var prefix = $"Run {number} ";
            using var limit = new CancellationTokenSource(Patience);
            while (!Log.Collector.GetSnapshot().Any(r => r.Message.StartsWith(prefix, StringComparison.Ordinal)))
            {
                await Task.Delay(1, limit.Token);
            }
        }

        public Task<HealthCheckResult> HealthAsync()
        {
            var check = new FulfillmentWorkerHealthCheck(state, options);
            var registration = new HealthCheckRegistration("worker", check, HealthStatus.Unhealthy, null);
            return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
        }

        public async ValueTask DisposeAsync()
        {
            // A run the test left open ends as the pipeline would end it on stop.
            current?.Complete(RunResult.Summary(cancelled: true));
            await worker.StopAsync(CancellationToken.None).WaitAsync(Patience);
            worker.Dispose();
        }

        private async Task<RunSummary> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            var now = Interlocked.Increment(ref inProgress);
            InterlockedMax(ref inProgressMax, now);
            try
            {
                var run = new PendingRun(Runs, cancellationToken);
                current = run;
                runs.Writer.TryWrite(run);
                return await run.Result;
            }
            finally
            {
                Interlocked.Decrement(ref inProgress);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>One call of the run delegate, ended by the test.</summary>
    private sealed class PendingRun
    {
        private readonly TaskCompletionSource<RunSummary> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PendingRun(int number, CancellationToken cancellationToken)
        {
            Number = number;
            cancellationToken.Register(() => cancelled.TrySetResult());
        }

        public int Number { get; }

        public Task<RunSummary> Result => result.Task;

        public Task Cancelled => cancelled.Task;

        public void Complete(RunResult outcome) => outcome.Apply(result);
    }

    /// <summary>How a pending run ends.</summary>
    private sealed class RunResult
    {
        private readonly RunSummary? summary;
        private readonly Exception? exception;

        private RunResult(RunSummary? summary, Exception? exception)
        {
            this.summary = summary;
            this.exception = exception;
        }

        public static RunResult Summary(bool cancelled = false) => new(
            new RunSummary(
                cancelled ? [new RequestResult("PR-1", "cancel", RequestResultStatus.RetryLater, "not started: the run was cancelled")] : [],
                TimeSpan.FromSeconds(1),
                cancelled),
            null);

        public static RunResult Throw(Exception exception) => new(null, exception);

        public void Apply(TaskCompletionSource<RunSummary> target)
        {
            if (exception is not null)
            {
                target.TrySetException(exception);
            }
            else
            {
                target.TrySetResult(summary!);
            }
        }
    }
}
