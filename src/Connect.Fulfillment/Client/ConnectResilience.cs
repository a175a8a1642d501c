using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Connect.Fulfillment;

/// <summary>
/// The retry rules of the Connect client, built on Microsoft.Extensions.Http.Resilience:
/// a 429 is retried for any method (it was not processed), honouring <c>Retry-After</c>;
/// 5xx, 408, timeouts and connection failures are retried with exponential backoff and jitter only for reads
/// and the parameter <c>PUT</c>, and so is a 2xx answer to those calls whose body is not syntactically valid JSON
/// (valid JSON of the wrong shape is not retried: it would come back the same). State-changing <c>POST</c>s are never
/// re-sent after a 5xx, a timeout or a broken body: the processing layer re-reads the request and reconciles instead.
/// </summary>
internal static class ConnectResilience
{
    /// <summary>Adds the Connect timeouts and retry rules to a pipeline builder.</summary>
    /// <param name="builder">The builder of the HTTP client's resilience handler.</param>
    /// <param name="options">The client options.</param>
    /// <param name="timeProvider">The clock used to read a dated <c>Retry-After</c>; the system clock when null.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ConnectClientOptions options, TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            var maxRetryAfter = options.MaxRetryAfter;
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, maxRetryAfter, clock)),
            });
        }

        builder.AddTimeout(options.Timeout);
    }

    /// <summary>Whether a call may be re-sent after a server error or a lost answer: reads and the parameter <c>PUT</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <returns>True for GET, HEAD and PUT.</returns>
    public static bool IsSafeToResend(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put;

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider clock)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
        {
            return RetryAfter(limited, clock) is not { } wait || wait <= maxRetryAfter;
        }

        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (request is null || !IsSafeToResend(request.Method))
        {
            return false;
        }

        return outcome switch
        {
            { Result: { } response } => (int)response.StatusCode >= 500
                || response.StatusCode == HttpStatusCode.RequestTimeout
                || response.Content is BufferedContent { IsMalformedJson: true },
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            _ => false,
        };
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - clock.GetUtcNow() : null;
    }
}
