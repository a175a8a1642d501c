using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Vendor;

/// <summary>
/// The fake vendor's HTTP handling: bearer check, routing of <c>POST /subscriptions</c>,
/// <c>POST /subscriptions/{id}/{cancel|change|suspend|resume}</c> and <c>GET /subscriptions/{id}/usage</c>,
/// Idempotency-Key replay, behaviours and latency.
/// </summary>
internal sealed class VendorEndpoint(VendorState state, FakeVendorServerOptions options, string apiKey, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? string.Empty;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var idempotencyKey = request.Headers.TryGetValue("Idempotency-Key", out var k) ? k.ToString() : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        VendorAnswer answer;
        var replayed = false;
        try
        {
            if (options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(options.Latency, options.TimeProvider, linked.Token);
            }

            if (!string.Equals(request.Headers.Authorization.ToString(), "Bearer " + apiKey, StringComparison.Ordinal))
            {
                answer = VendorState.Message(401, "Unauthorized.");
            }
            else if (Route(method, path) is not { } route)
            {
                answer = VendorState.Message(404, "Not found.");
            }
            else if (state.Replay(idempotencyKey) is { } stored)
            {
                (answer, replayed) = (stored, true);
            }
            else
            {
                answer = await RunAsync(route.Operation, route.SubscriptionId, ParseObject(body), request.Query, linked.Token);
                state.Remember(idempotencyKey, answer);
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            state.Record(new VendorCall(method, path, idempotencyKey, body, 0, Replayed: false) { Query = query });
            return;
        }

        state.Record(new VendorCall(method, path, idempotencyKey, body, answer.Status, replayed) { Query = query });
        var response = context.Response;
        response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json";
        response.ContentLength = answer.Body.Length;
        try
        {
            await response.Body.WriteAsync(answer.Body, linked.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    /// <summary>Maps a path to an operation: <c>(create, null)</c> or <c>(operation, subscription id)</c>.</summary>
    private static (string Operation, string? SubscriptionId)? Route(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (method == "GET" && segments is ["subscriptions", var id, VendorOperations.Usage])
        {
            return (VendorOperations.Usage, id);
        }

        if (method != "POST" || segments.Length is not (1 or 3) || segments[0] != "subscriptions")
        {
            return null;
        }

        if (segments.Length == 1)
        {
            return (VendorOperations.Create, null);
        }

        return VendorOperations.IsSubscriptionOperation(segments[2]) ? (segments[2], segments[1]) : null;
    }

    private async Task<VendorAnswer> RunAsync(string operation, string? subscriptionId, JsonObject? body, IQueryCollection query, CancellationToken cancellationToken)
    {
        // Behaviours are keyed by subscription id, or by asset_id for a creation.
        var behavior = state.NextBehavior(subscriptionId ?? JsonPath.GetString(body, "asset_id"));
        if (behavior.Kind == VendorBehaviorKind.Slow)
        {
            await Task.Delay(behavior.Delay, options.TimeProvider, cancellationToken);
        }

        if (behavior.Kind is not (VendorBehaviorKind.Ok or VendorBehaviorKind.Slow))
        {
            return VendorState.Message(behavior.StatusCode, behavior.Message) with
            {
                RetryAfter = behavior.Kind == VendorBehaviorKind.RateLimited ? behavior.RetryAfterSeconds : null,
            };
        }

        if (operation == VendorOperations.Usage)
        {
            return VendorUsageQuery.Check(query) is { } problem ? VendorState.Message(400, problem) : state.Usage(subscriptionId!);
        }

        return subscriptionId is null ? state.Create(body) : state.Apply(operation, subscriptionId, body);
    }

    private static JsonObject? ParseObject(string? body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is not > 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
