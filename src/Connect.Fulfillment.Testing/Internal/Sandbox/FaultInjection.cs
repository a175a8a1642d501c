using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Answers a call with a fault that leaves the state unchanged (all kinds except latency and lose-response).</summary>
internal static class FaultInjection
{
    private static readonly byte[] MalformedBody = "{\"id\": \"PR-0000-0000-0000-001\", \"status\": \"pend"u8.ToArray();

    public static async Task InjectAsync(HttpContext context, FaultRule fault, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.RateLimit:
                var error = ApiResult.Error(429, "SYS_429", "Too many requests.");
                await new ApiResult(429, error.Body, retryAfter: fault.RetryAfterSeconds).WriteAsync(context, cancellationToken);
                return;
            case FaultKind.ServerError:
                await ApiResult.Error(fault.StatusCode, "SYS_001", "Internal server error (injected).").WriteAsync(context, cancellationToken);
                return;
            case FaultKind.DropConnection:
                context.Abort();
                return;
            case FaultKind.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken);
                return;
            case FaultKind.MalformedJson:
                await new ApiResult(200, MalformedBody).WriteAsync(context, cancellationToken);
                return;
            case FaultKind.TruncatedBody:
                var response = context.Response;
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = MalformedBody.Length + 512;
                await response.Body.WriteAsync(MalformedBody, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                context.Abort();
                return;
        }
    }
}
