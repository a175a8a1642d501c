using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// The middleware in front of the sandbox routes: logs every call, adds latency, checks the API key and injects
/// faults, in that order, then hands the parsed call to routing as a <see cref="SandboxCall"/>.
/// </summary>
internal sealed class SandboxPipeline
{
    private static readonly string[] LoggedHeaders = ["Content-Type", "Accept", "User-Agent", "Idempotency-Key", "Request-ID"];

    private readonly ConnectSandboxOptions _options;
    private readonly CallLog _callLog;
    private readonly SandboxFaults _faults;
    private readonly SandboxRandom _random;
    private readonly string _apiKey;
    private readonly string _keyWithoutPrefix;
    private readonly CancellationToken _stopping;

    public SandboxPipeline(ConnectSandboxOptions options, CallLog callLog, SandboxFaults faults, SandboxRandom random, string apiKey, CancellationToken stopping)
    {
        _options = options;
        _callLog = callLog;
        _faults = faults;
        _random = random;
        _apiKey = apiKey;
        _keyWithoutPrefix = apiKey["ApiKey ".Length..];
        _stopping = stopping;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? string.Empty;
        var authorization = request.Headers.Authorization.ToString();
        var authValid = authorization.Length > 0
            && (string.Equals(authorization, _apiKey, StringComparison.Ordinal) || string.Equals(authorization, _keyWithoutPrefix, StringComparison.Ordinal));
        // A multipart upload (a usage workbook) is left in the request for its route to read as a form.
        var bodyText = request.HasFormContentType ? null : await ReadBodyAsync(request, context.RequestAborted);
        var relative = path.StartsWith(ConnectSandbox.BasePath, StringComparison.Ordinal) ? path[ConnectSandbox.BasePath.Length..] : path;
        var entry = new CallLogEntry(_callLog.NextSequence(), _options.TimeProvider.GetUtcNow(), method, path, relative, query, LogHeaders(request), authorization.Length > 0, authValid, bodyText);
        _callLog.Add(entry);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        var token = linked.Token;
        try
        {
            if (_options.Latency > TimeSpan.Zero || _options.MaxLatency > TimeSpan.Zero)
            {
                await Task.Delay(_random.Between(_options.Latency, _options.MaxLatency ?? _options.Latency), _options.TimeProvider, token);
            }

            if (!path.StartsWith(ConnectSandbox.BasePath + "/", StringComparison.Ordinal))
            {
                await ApiResult.Error(404, "NOT_FOUND", "The requested resource was not found.").WriteAsync(context, token);
                return;
            }

            if (!authValid)
            {
                await ApiResult.Error(401, "AUTH_001", "API request is unauthorized.").WriteAsync(context, token);
                return;
            }

            var fault = await FireFaultsAsync(entry, new FaultContext(method, relative, query, bodyText), token);
            if (fault is not null && fault.Kind != FaultKind.LoseResponse)
            {
                await FaultInjection.InjectAsync(context, fault, _options.TimeProvider, token);
                return;
            }

            JsonObject? body = null;
            if (!string.IsNullOrWhiteSpace(bodyText))
            {
                try
                {
                    body = JsonNode.Parse(bodyText) as JsonObject;
                }
                catch (JsonException)
                {
                    await ApiResult.Error(400, "VAL_001", "Request body is not valid JSON.").WriteAsync(context, token);
                    return;
                }
            }

            var call = new SandboxCall(entry, body, fault, token);
            context.Features.Set(call);
            await next(context);
            if (!call.Routed && !context.Response.HasStarted)
            {
                // Routing found no endpoint (404) or none for this method (405): answer with a Connect error body.
                var unmatched = context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                    ? ApiResult.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed.")
                    : ApiResult.Error(404, "NOT_FOUND", "The requested resource was not found.");
                await call.Answer(context, unmatched, routed: false).ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            context.Abort();
        }
        finally
        {
            entry.StatusCode = context.RequestAborted.IsCancellationRequested || entry.Fault is FaultKind.DropConnection or FaultKind.Hang or FaultKind.TruncatedBody ? 0 : context.Response.StatusCode;
            if (entry.Fault == FaultKind.LoseResponse && !_stopping.IsCancellationRequested && context.Response.StatusCode == 200)
            {
                entry.StatusCode = 0;
            }
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

    private static Dictionary<string, string> LogHeaders(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in LoggedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var v))
            {
                headers[name] = v.ToString();
            }
        }

        return headers;
    }

    /// <summary>Checks the rules in order: latency rules delay and go on; the first other rule that fires is returned.</summary>
    private async Task<FaultRule?> FireFaultsAsync(CallLogEntry entry, FaultContext call, CancellationToken cancellationToken)
    {
        foreach (var rule in _faults.Rules)
        {
            if (!rule.TryFire(call, _random.NextDouble))
            {
                continue;
            }

            entry.Fault = rule.Kind;
            if (rule.Kind != FaultKind.Latency)
            {
                return rule;
            }

            await Task.Delay(_random.Between(rule.MinDelay, rule.MaxDelay), _options.TimeProvider, cancellationToken);
        }

        return null;
    }
}
