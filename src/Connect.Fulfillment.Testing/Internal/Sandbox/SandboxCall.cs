using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// What the sandbox pipeline learned about one call before routing (its log entry, parsed body, a pending
/// lose-the-response fault); stored as an <see cref="HttpContext"/> feature for the route handlers.
/// </summary>
internal sealed class SandboxCall(CallLogEntry entry, JsonObject? body, FaultRule? loseResponse, CancellationToken cancellationToken)
{
    public CallLogEntry Entry { get; } = entry;

    /// <summary>Gets the JSON body, or null when the call had none (calls without a body in the spec send none).</summary>
    public JsonObject? Body { get; } = body;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets a value indicating whether a route handler answered the call.</summary>
    public bool Routed { get; private set; }

    public static SandboxCall Of(HttpContext http) =>
        http.Features.Get<SandboxCall>() ?? throw new InvalidOperationException("The sandbox pipeline did not run for this call.");

    /// <summary>
    /// Returns what to send for a handled call: the handler's result, or, under a <see cref="FaultKind.LoseResponse"/>
    /// fault, a 5xx error (or an aborted connection) after the change was applied.
    /// </summary>
    public IResult Answer(HttpContext http, ApiResult result, bool routed)
    {
        Routed = routed;

        // Recorded for every call, so a test can count applied transitions even when the caller vanished before the answer.
        Entry.StateChanged = routed && result.Status < 400 && !HttpMethods.IsGet(Entry.Method);
        if (loseResponse is null)
        {
            return result;
        }

        if (loseResponse.AbortConnection)
        {
            http.Abort();
            return Results.Empty;
        }

        return ApiResult.Error(loseResponse.StatusCode, "SYS_001", "Internal server error (injected after the change was applied).");
    }
}
