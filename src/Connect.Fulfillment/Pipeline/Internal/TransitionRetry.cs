namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// The in-run retry rule of an outcome's Connect writes: which failures may be tried again (a lost answer — 5xx,
/// timeout, reset — a 429 or a 408), how many attempts a run makes
/// (<see cref="FulfillmentPipelineOptions.MaxTransitionAttempts"/>), and how long it waits before the next one:
/// exponential from <see cref="FulfillmentPipelineOptions.TransitionRetryDelay"/> with jitter, never shorter than
/// <c>Retry-After</c>, on the pipeline's clock. Whether a transition may be sent again at all is the caller's to prove.
/// </summary>
internal sealed class TransitionRetry(int maxAttempts, TimeSpan baseDelay, TimeProvider timeProvider)
{
    /// <summary>The longest <c>Retry-After</c> waited within a run; when Connect asks for more, the request waits for the next run.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    public int MaxAttempts => maxAttempts;

    /// <summary>Whether the failure may pass if the call is made again: the answer was lost, or Connect did not process the call.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>True for an unknown outcome, 429 and 408; false for a refusal.</returns>
    public static bool IsTransient(ConnectApiException error) => error.IsOutcomeUnknown || error.StatusCode is 429 or 408;

    /// <summary>Whether another attempt may follow attempt <paramref name="attempt"/> (1-based), which ended with <paramref name="error"/>.</summary>
    /// <param name="attempt">The attempt that failed.</param>
    /// <param name="error">Its failure.</param>
    /// <returns>True when attempts are left, the failure is transient and Connect did not ask to wait longer than <see cref="MaxRetryAfter"/>.</returns>
    public bool MayRetry(int attempt, ConnectApiException error)
        => attempt < maxAttempts && IsTransient(error) && !(RetryAfterOf(error) > MaxRetryAfter);

    /// <summary>The wait after attempt <paramref name="attempt"/>: the base delay doubled per earlier attempt, ±25 % jitter, at least <c>Retry-After</c>.</summary>
    /// <param name="attempt">The attempt that failed (1-based).</param>
    /// <param name="error">Its failure.</param>
    /// <returns>The wait.</returns>
    public TimeSpan DelayAfter(int attempt, ConnectApiException error)
    {
        var backoff = baseDelay * (Math.Pow(2, Math.Min(attempt, 10) - 1) * (0.75 + (Random.Shared.NextDouble() * 0.5)));
        return RetryAfterOf(error) is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
    }

    /// <summary>Waits <see cref="DelayAfter"/> on the pipeline's clock.</summary>
    /// <param name="attempt">The attempt that failed (1-based).</param>
    /// <param name="error">Its failure.</param>
    /// <param name="cancellationToken">Ends the wait (the grace period ran out).</param>
    /// <returns>A task that completes after the wait.</returns>
    public Task WaitAsync(int attempt, ConnectApiException error, CancellationToken cancellationToken)
    {
        var delay = DelayAfter(attempt, error);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);
    }

    private static TimeSpan? RetryAfterOf(ConnectApiException error) => (error as ConnectRateLimitedException)?.RetryAfter;
}
