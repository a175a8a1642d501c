namespace Connect.Fulfillment.Testing;

/// <summary>
/// A fault injection rule: which calls it matches (a call pattern such as <c>"POST /requests/*/approve"</c>, the same
/// syntax as <see cref="CallLog.Count(string)"/>, plus an optional predicate), when it fires (always, by probability,
/// on the Nth match, or for the next K matches) and what it does.
/// </summary>
public sealed class FaultRule
{
    private readonly Internal.CallPattern _pattern;
    private Func<FaultContext, bool>? _predicate;
    private double? _probability;
    private int? _nth;
    private bool _limited;
    private int _remaining;
    private int _matches;
    private int _fired;

    private FaultRule(Internal.CallPattern pattern) => _pattern = pattern;

    /// <summary>Gets the fault this rule injects.</summary>
    public FaultKind Kind { get; private set; } = FaultKind.ServerError;

    /// <summary>Gets how many calls matched the rule's method, path and predicate.</summary>
    public int MatchCount => Volatile.Read(ref _matches);

    /// <summary>Gets how many times the fault was injected.</summary>
    public int FiredCount => Volatile.Read(ref _fired);

    internal TimeSpan MinDelay { get; private set; }

    internal TimeSpan MaxDelay { get; private set; }

    internal int StatusCode { get; private set; } = 503;

    internal int RetryAfterSeconds { get; private set; } = 1;

    internal bool AbortConnection { get; private set; }

    /// <summary>Creates a rule for calls matching a call pattern.</summary>
    /// <param name="pattern">
    /// <c>"[METHOD ]/path"</c>, e.g. <c>"POST /requests/*/approve"</c>: the method is optional (any when left out
    /// or <c>*</c>); the path is relative to the API base and matched whole, with <c>*</c> matching any characters
    /// (<c>/</c> included).
    /// </param>
    /// <returns>A rule that by default answers 503 on every match.</returns>
    public static FaultRule For(string pattern) => new(Internal.CallPattern.Parse(pattern));

    /// <summary>Creates a rule for calls with a method and a path pattern; same as <see cref="For(string)"/> with <c>"METHOD /path"</c>.</summary>
    /// <param name="method">The HTTP method (case-insensitive), or null for any method.</param>
    /// <param name="pathPattern">A pattern for the path relative to the API base, matched whole, with <c>*</c> matching any characters, e.g. <c>/requests/*/approve</c>.</param>
    /// <returns>A rule that by default answers 503 on every match.</returns>
    public static FaultRule For(string? method, string pathPattern) => new(Internal.CallPattern.Of(method, pathPattern));

    /// <summary>Only match calls for which <paramref name="predicate"/> returns true.</summary>
    /// <param name="predicate">The extra condition.</param>
    /// <returns>This rule.</returns>
    public FaultRule When(Func<FaultContext, bool> predicate)
    {
        _predicate = predicate ?? throw new ArgumentNullException(nameof(predicate));
        return this;
    }

    /// <summary>Fire on each match with the given probability, drawn from the sandbox's seeded random source.</summary>
    /// <param name="probability">A value from 0 to 1.</param>
    /// <returns>This rule.</returns>
    public FaultRule WithProbability(double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        _probability = probability;
        return this;
    }

    /// <summary>Fire only on the Nth matching call (1-based).</summary>
    /// <param name="n">Which match fires.</param>
    /// <returns>This rule.</returns>
    public FaultRule OnCall(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _nth = n;
        return this;
    }

    /// <summary>Fire on the next <paramref name="count"/> matching calls, then stop.</summary>
    /// <param name="count">How many matches fire.</param>
    /// <returns>This rule.</returns>
    public FaultRule ForNextCalls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _limited = true;
        _remaining = count;
        return this;
    }

    /// <summary>Delay matching calls by a fixed time, then handle them normally.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>This rule.</returns>
    public FaultRule Latency(TimeSpan delay) => Latency(delay, delay);

    /// <summary>Delay matching calls by a random time in a range, then handle them normally.</summary>
    /// <param name="min">The shortest delay.</param>
    /// <param name="max">The longest delay.</param>
    /// <returns>This rule.</returns>
    public FaultRule Latency(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Kind = FaultKind.Latency;
        MinDelay = min;
        MaxDelay = max;
        return this;
    }

    /// <summary>Answer 429 Too Many Requests with a <c>Retry-After</c> header.</summary>
    /// <param name="retryAfterSeconds">The Retry-After value in seconds.</param>
    /// <returns>This rule.</returns>
    public FaultRule RateLimit(int retryAfterSeconds = 1)
    {
        Kind = FaultKind.RateLimit;
        RetryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /// <summary>Answer a server error.</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <returns>This rule.</returns>
    public FaultRule ServerError(int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        Kind = FaultKind.ServerError;
        StatusCode = statusCode;
        return this;
    }

    /// <summary>Abort the connection without answering.</summary>
    /// <returns>This rule.</returns>
    public FaultRule DropConnection()
    {
        Kind = FaultKind.DropConnection;
        return this;
    }

    /// <summary>Never answer; the call ends when the client gives up or the sandbox stops.</summary>
    /// <returns>This rule.</returns>
    public FaultRule Hang()
    {
        Kind = FaultKind.Hang;
        return this;
    }

    /// <summary>Answer 200 with a body that is not valid JSON.</summary>
    /// <returns>This rule.</returns>
    public FaultRule MalformedJson()
    {
        Kind = FaultKind.MalformedJson;
        return this;
    }

    /// <summary>Send a Content-Length larger than the body written, then abort.</summary>
    /// <returns>This rule.</returns>
    public FaultRule TruncatedBody()
    {
        Kind = FaultKind.TruncatedBody;
        return this;
    }

    /// <summary>Apply the call to the state, then lose the response: answer <paramref name="statusCode"/> or abort.</summary>
    /// <param name="abortConnection">True to abort the connection instead of answering with an error.</param>
    /// <param name="statusCode">The error status when not aborting.</param>
    /// <returns>This rule.</returns>
    public FaultRule LoseResponse(bool abortConnection = false, int statusCode = 500)
    {
        Kind = FaultKind.LoseResponse;
        AbortConnection = abortConnection;
        StatusCode = statusCode;
        return this;
    }

    internal bool TryFire(FaultContext context, Func<double> nextRandom)
    {
        if (!_pattern.IsMatch(context.Method, context.RelativePath))
        {
            return false;
        }

        if (_predicate is not null && !_predicate(context))
        {
            return false;
        }

        var match = Interlocked.Increment(ref _matches);
        if (_nth is { } nth && match != nth)
        {
            return false;
        }

        if (_probability is { } p && nextRandom() >= p)
        {
            return false;
        }

        if (_limited && Interlocked.Decrement(ref _remaining) < 0)
        {
            return false;
        }

        Interlocked.Increment(ref _fired);
        return true;
    }
}
