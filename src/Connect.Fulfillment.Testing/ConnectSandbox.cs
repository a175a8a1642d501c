using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// A local, stateful HTTP server that behaves like the parts of the CloudBlue Connect API used by a fulfillment processor:
/// requests, assets, product templates, tier config requests and conversations, with seeding, inspection and fault injection.
/// </summary>
public sealed class ConnectSandbox : IAsyncDisposable
{
    /// <summary>The API base path, <c>/public/v1</c>.</summary>
    public const string BasePath = "/public/v1";

    private static readonly string[] LoggedHeaders = ["Content-Type", "Accept", "User-Agent", "Idempotency-Key", "Request-ID"];
    private static readonly byte[] MalformedBody = "{\"id\": \"PR-0000-0000-0000-001\", \"status\": \"pend"u8.ToArray();

    private readonly ConnectSandboxOptions _options;
    private readonly SandboxState _state;
    private readonly Random _random;
#if NET9_0_OR_GREATER
    private readonly Lock _randomGate = new();
#else
    private readonly object _randomGate = new();
#endif
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _keyWithoutPrefix;
    private KestrelHost? _host;

    private ConnectSandbox(ConnectSandboxOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPageSize, 1, nameof(options.MaxPageSize));
        _options = options;
        _random = new Random(options.Seed);
        _state = new SandboxState(options.TimeProvider, options.MaxPageSize);
        var key = options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            key = string.Create(CultureInfo.InvariantCulture, $"SU-000-000-000:sandbox{_random.NextInt64():x16}");
        }

        _keyWithoutPrefix = key.StartsWith("ApiKey ", StringComparison.Ordinal) ? key["ApiKey ".Length..] : key;
        ApiKey = "ApiKey " + _keyWithoutPrefix;
        Requests = new SandboxRequests(_state);
        Products = new SandboxProducts(_state);
        TierConfigRequests = new SandboxTierConfigRequests(_state);
    }

    /// <summary>Gets the API base URL, <c>http://127.0.0.1:{port}/public/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the full Authorization header value the sandbox expects, e.g. <c>ApiKey SU-000-000-000:sandbox…</c>.</summary>
    public string ApiKey { get; }

    /// <summary>Gets the fulfillment request seeding API.</summary>
    public SandboxRequests Requests { get; }

    /// <summary>Gets the product and template seeding API.</summary>
    public SandboxProducts Products { get; }

    /// <summary>Gets the tier configuration request seeding API.</summary>
    public SandboxTierConfigRequests TierConfigRequests { get; }

    /// <summary>Gets the log of calls received.</summary>
    public CallLog CallLog { get; } = new();

    /// <summary>Gets the fault injection rules.</summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>Starts a sandbox on 127.0.0.1.</summary>
    /// <param name="options">Options, or null for defaults (free port, page cap 100, no latency).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop.</returns>
    public static async Task<ConnectSandbox> StartAsync(ConnectSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sandbox = new ConnectSandbox(options ?? new ConnectSandboxOptions());
        sandbox._host = await KestrelHost.StartAsync(sandbox._options.Port, sandbox._options.LoggerFactory, sandbox.HandleAsync, cancellationToken);
        sandbox.BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{sandbox._host.Port}{BasePath}"));
        return sandbox;
    }

    /// <summary>Seeds <paramref name="count"/> requests; same as <see cref="SandboxRequests.Seed"/>.</summary>
    /// <param name="count">How many.</param>
    /// <param name="configure">Receives the index and the builder.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> SeedRequests(int count, Action<int, RequestBuilder>? configure = null) => Requests.Seed(count, configure);

    /// <summary>Stores an asset from JSON (replacing one with the same id).</summary>
    /// <param name="json">An asset object, e.g. a real <c>GET /assets/{id}</c> response.</param>
    /// <returns>The asset id.</returns>
    public string AddAssetFromJson(string json)
    {
        var asset = Seeds.ForEachObject(json).Single();
        _state.AddAsset(asset);
        return JsonPath.GetString(asset, "id")!;
    }

    /// <summary>Stores a conversation (with its <c>messages</c>, if any) from JSON.</summary>
    /// <param name="json">A conversation object, e.g. a real <c>GET /conversations/{id}</c> response.</param>
    /// <returns>The conversation id.</returns>
    public string AddConversationFromJson(string json)
    {
        var conversation = Seeds.ForEachObject(json).Single();
        _state.AddConversation(conversation);
        return JsonPath.GetString(conversation, "id")!;
    }

    /// <summary>Removes all requests, assets, products, templates, tier config requests and conversations (not the call log or faults).</summary>
    public void ClearState() => _state.Clear();

    /// <summary>Gets a copy of a request's current state.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetRequest(string requestId) => _state.GetRequest(requestId);

    /// <summary>Gets a copy of an asset's current state.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetAsset(string assetId) => _state.GetAsset(assetId);

    /// <summary>Gets a copy of a tier config request's current state.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetTierConfigRequest(string tierConfigRequestId) => _state.GetTierConfigRequest(tierConfigRequestId);

    /// <summary>Gets a copy of a conversation with its <c>messages</c>.</summary>
    /// <param name="conversationOrInstanceId">The conversation id (<c>CO-…</c>) or the id of its request.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetConversation(string conversationOrInstanceId) => _state.GetConversation(conversationOrInstanceId);

    /// <summary>Gets copies of the messages of a conversation.</summary>
    /// <param name="conversationOrInstanceId">The conversation id or the id of its request.</param>
    /// <returns>The messages in the order they were posted.</returns>
    public IReadOnlyList<JsonObject> GetMessages(string conversationOrInstanceId) => _state.GetMessages(conversationOrInstanceId);

    /// <summary>Gets a request's status.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetRequestStatus(string requestId) => _state.RequestField(requestId, "status");

    /// <summary>Gets an asset's status.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetAssetStatus(string assetId) => _state.AssetField(assetId, "status");

    /// <summary>Gets a tier config request's status.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetTierConfigRequestStatus(string tierConfigRequestId) => _state.TcrField(tierConfigRequestId, "status");

    /// <summary>Gets the asset id of a request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The asset id, or null when unknown.</returns>
    public string? GetRequestAssetId(string requestId) => _state.RequestField(requestId, "asset.id");

    /// <summary>Gets the <c>value</c> of a request's asset parameter.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The value, or null when the request or parameter is unknown.</returns>
    public string? GetRequestParameterValue(string requestId, string parameterId) => _state.RequestParameterValue(requestId, parameterId);

    /// <summary>Gets the <c>value</c> of a tier config request parameter.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The value, or null when unknown.</returns>
    public string? GetTierConfigRequestParameterValue(string tierConfigRequestId, string parameterId) => _state.TcrParameterValue(tierConfigRequestId, parameterId);

    /// <summary>Stops the server; calls that hang are released.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public ValueTask DisposeAsync() => KestrelHost.StopAsync(_stopping, _host);

    private double NextRandom()
    {
        lock (_randomGate)
        {
            return _random.NextDouble();
        }
    }

    private TimeSpan PickDelay(TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + TimeSpan.FromTicks((long)((max - min).Ticks * NextRandom()));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? string.Empty;
        var authorization = request.Headers.Authorization.ToString();
        var authPresent = authorization.Length > 0;
        var authValid = authPresent && (string.Equals(authorization, ApiKey, StringComparison.Ordinal) || string.Equals(authorization, _keyWithoutPrefix, StringComparison.Ordinal));

        string? bodyText = null;
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            bodyText = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in LoggedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var v))
            {
                headers[name] = v.ToString();
            }
        }

        var relative = path.StartsWith(BasePath, StringComparison.Ordinal) ? path[BasePath.Length..] : path;
        var entry = new CallLogEntry(CallLog.NextSequence(), _options.TimeProvider.GetUtcNow(), method, path, relative, query, headers, authPresent, authValid, bodyText);
        CallLog.Add(entry);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = linked.Token;
        try
        {
            if (_options.Latency > TimeSpan.Zero || _options.MaxLatency > TimeSpan.Zero)
            {
                await Task.Delay(PickDelay(_options.Latency, _options.MaxLatency ?? _options.Latency), _options.TimeProvider, token);
            }

            if (!path.StartsWith(BasePath + "/", StringComparison.Ordinal))
            {
                await WriteAsync(context, ApiResult.Error(404, "NOT_FOUND", "The requested resource was not found."), token);
                return;
            }

            if (!authValid)
            {
                await WriteAsync(context, ApiResult.Error(401, "AUTH_001", "API request is unauthorized."), token);
                return;
            }

            FaultRule? fault = null;
            var rules = Faults.Rules;
            if (rules.Count > 0)
            {
                var faultContext = new FaultContext(method, relative, query, bodyText);
                foreach (var rule in rules)
                {
                    if (!rule.TryFire(faultContext, NextRandom))
                    {
                        continue;
                    }

                    entry.Fault = rule.Kind;
                    if (rule.Kind == FaultKind.Latency)
                    {
                        await Task.Delay(PickDelay(rule.MinDelay, rule.MaxDelay), _options.TimeProvider, token);
                        continue;
                    }

                    fault = rule;
                    break;
                }
            }

            if (fault is not null && fault.Kind != FaultKind.LoseResponse)
            {
                await InjectAsync(context, fault, token);
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
                    await WriteAsync(context, ApiResult.Error(400, "VAL_001", "Request body is not valid JSON."), token);
                    return;
                }
            }

            var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var result = _state.Handle(method, segments, query, body);
            if (fault is not null)
            {
                entry.StateChanged = result.Status < 400 && method != "GET";
                if (fault.AbortConnection)
                {
                    context.Abort();
                    return;
                }

                await WriteAsync(context, ApiResult.Error(fault.StatusCode, "SYS_001", "Internal server error (injected after the change was applied)."), token);
                return;
            }

            await WriteAsync(context, result, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            context.Abort();
        }
        finally
        {
            entry.StatusCode = context.RequestAborted.IsCancellationRequested || entry.Fault is FaultKind.DropConnection or FaultKind.Hang or FaultKind.TruncatedBody ? 0 : response.StatusCode;
            if (entry.Fault == FaultKind.LoseResponse && _stopping.IsCancellationRequested is false && response.StatusCode == 200)
            {
                entry.StatusCode = 0;
            }
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiResult result, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        if (result.ContentRange is not null)
        {
            response.Headers["Content-Range"] = result.ContentRange;
        }

        if (result.RetryAfter is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        if (result.Body is { } bytes)
        {
            response.ContentType = "application/json";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, cancellationToken);
        }
        else
        {
            response.ContentLength = 0;
        }
    }

    private async Task InjectAsync(HttpContext context, FaultRule fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.RateLimit:
                {
                    var error = ApiResult.Error(429, "SYS_429", "Too many requests.");
                    await WriteAsync(context, new ApiResult(429, error.Body, retryAfter: fault.RetryAfterSeconds), cancellationToken);
                    return;
                }

            case FaultKind.ServerError:
                await WriteAsync(context, ApiResult.Error(fault.StatusCode, "SYS_001", "Internal server error (injected)."), cancellationToken);
                return;
            case FaultKind.DropConnection:
                context.Abort();
                return;
            case FaultKind.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, _options.TimeProvider, cancellationToken);
                return;
            case FaultKind.MalformedJson:
                await WriteAsync(context, new ApiResult(200, MalformedBody), cancellationToken);
                return;
            case FaultKind.TruncatedBody:
                {
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
}
