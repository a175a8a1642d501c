using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Testing;

/// <summary>Options for <see cref="FakeVendorServer.StartAsync"/>.</summary>
public sealed class FakeVendorServerOptions
{
    /// <summary>Gets or sets the bearer token the server accepts; by default one is generated.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets a fixed latency added to every call before it is answered (on top of any <see cref="VendorBehavior.Slow"/> delay). Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Gets or sets the clock used for timestamps and delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a logger factory for the server; by default nothing is logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}

/// <summary>How the fake vendor answers calls about one subscription (cancel) or one asset (create).</summary>
public sealed class VendorBehavior
{
    private VendorBehavior(VendorBehaviorKind kind) => Kind = kind;

    /// <summary>Gets the kind of behaviour.</summary>
    public VendorBehaviorKind Kind { get; }

    /// <summary>Gets the HTTP status used by failures.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets how many calls fail before the call succeeds, or null to fail every time.</summary>
    public int? Times { get; private init; }

    /// <summary>Gets the delay for <see cref="VendorBehaviorKind.Slow"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Gets the Retry-After seconds for <see cref="VendorBehaviorKind.RateLimited"/>.</summary>
    public int RetryAfterSeconds { get; private init; }

    /// <summary>Gets the message for <see cref="VendorBehaviorKind.NotFound"/> and <see cref="VendorBehaviorKind.Rejected"/>.</summary>
    public string Message { get; private init; } = string.Empty;

    /// <summary>Gets the normal behaviour.</summary>
    public static VendorBehavior Ok { get; } = new(VendorBehaviorKind.Ok);

    /// <summary>Answers 404 <c>{"message":…}</c>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior NotFound(string message = "Subscription not found.") => new(VendorBehaviorKind.NotFound) { StatusCode = 404, Message = message };

    /// <summary>Answers 409: the subscription is already cancelled.</summary>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior AlreadyCancelled() => new(VendorBehaviorKind.AlreadyCancelled) { StatusCode = 409, Message = "Subscription is already cancelled." };

    /// <summary>Answers a 5xx error, every time or the first <paramref name="times"/> times and then succeeds.</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="times">How many calls fail, or null for all.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Failure(int statusCode = 500, int? times = null) => new(VendorBehaviorKind.Failure) { StatusCode = statusCode, Times = times, Message = "Vendor internal error." };

    /// <summary>Delays the answer, then succeeds.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Slow(TimeSpan delay) => new(VendorBehaviorKind.Slow) { Delay = delay };

    /// <summary>Answers 429 with Retry-After, every time or the first <paramref name="times"/> times.</summary>
    /// <param name="retryAfterSeconds">The Retry-After value.</param>
    /// <param name="times">How many calls are limited, or null for all.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior RateLimited(int retryAfterSeconds = 1, int? times = null) => new(VendorBehaviorKind.RateLimited) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, Times = times, Message = "Too many requests." };

    /// <summary>Answers 422 <c>{"message":…}</c>: the vendor refuses the operation.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The behaviour.</returns>
    public static VendorBehavior Rejected(string message = "The operation was rejected.") => new(VendorBehaviorKind.Rejected) { StatusCode = 422, Message = message };
}

/// <summary>The kinds of <see cref="VendorBehavior"/>.</summary>
public enum VendorBehaviorKind
{
    /// <summary>Normal processing.</summary>
    Ok,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409.</summary>
    AlreadyCancelled,

    /// <summary>5xx, always or N times.</summary>
    Failure,

    /// <summary>Delay then normal processing.</summary>
    Slow,

    /// <summary>429 with Retry-After.</summary>
    RateLimited,

    /// <summary>422.</summary>
    Rejected,
}

/// <summary>A subscription held by the fake vendor.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="AssetId">The Connect asset id it was created for.</param>
/// <param name="ProductId">The Connect product id.</param>
/// <param name="Status"><c>active</c> or <c>cancelled</c>.</param>
public sealed record VendorSubscription(string Id, string? AssetId, string? ProductId, string Status);

/// <summary>A call received by the fake vendor.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="IdempotencyKey">The Idempotency-Key header, or null.</param>
/// <param name="Body">The body text, or null.</param>
/// <param name="StatusCode">The status answered.</param>
/// <param name="Replayed">True when the answer was replayed for a known idempotency key.</param>
public sealed record VendorCall(string Method, string Path, string? IdempotencyKey, string? Body, int StatusCode, bool Replayed);

/// <summary>
/// A small fake vendor API: <c>POST /subscriptions</c> and <c>POST /subscriptions/{id}/cancel</c>, with bearer auth,
/// <c>Idempotency-Key</c> replay, configurable behaviours and side-effect counters.
/// </summary>
public sealed class FakeVendorServer : IAsyncDisposable
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly FakeVendorServerOptions _options;
    private readonly Dictionary<string, VendorSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (VendorBehavior Behavior, int Used)> _behaviors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, byte[] Body)> _idempotent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cancelCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _createCounts = new(StringComparer.Ordinal);
    private readonly List<VendorCall> _calls = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _counter;
    private KestrelHost? _host;

    private FakeVendorServer(FakeVendorServerOptions options)
    {
        _options = options;
        ApiKey = string.IsNullOrEmpty(options.ApiKey) ? "vendor-sandbox-key-" + Guid.NewGuid().ToString("N") : options.ApiKey;
    }

    /// <summary>Gets the base URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the bearer token expected in <c>Authorization: Bearer …</c>.</summary>
    public string ApiKey { get; }

    /// <summary>Gets a snapshot of the calls received.</summary>
    public IReadOnlyList<VendorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Gets a snapshot of all subscriptions.</summary>
    public IReadOnlyList<VendorSubscription> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Values.ToArray();
            }
        }
    }

    /// <summary>Starts the fake vendor on 127.0.0.1.</summary>
    /// <param name="options">Options, or null for defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<FakeVendorServer> StartAsync(FakeVendorServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeVendorServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, nameof(options.Latency));
        var server = new FakeVendorServer(options);
        server._host = await KestrelHost.StartAsync(server._options.Port, server._options.LoggerFactory, app => app.Run(server.HandleAsync), cancellationToken);
        server.BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{server._host.Port}"));
        return server;
    }

    /// <summary>Adds (or replaces) a subscription.</summary>
    /// <param name="subscriptionId">The id, e.g. <c>SUB-1</c>.</param>
    /// <param name="assetId">The Connect asset id.</param>
    /// <param name="productId">The Connect product id.</param>
    /// <param name="status"><c>active</c> or <c>cancelled</c>.</param>
    public void SeedSubscription(string subscriptionId, string? assetId = null, string? productId = null, string status = "active")
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        lock (_gate)
        {
            _subscriptions[subscriptionId] = new VendorSubscription(subscriptionId, assetId, productId, status);
        }
    }

    /// <summary>Sets how calls about a subscription (cancel; keyed by subscription id) or a creation (keyed by <c>asset_id</c>) are answered.</summary>
    /// <param name="key">The subscription id, or the asset id for <c>POST /subscriptions</c>.</param>
    /// <param name="behavior">The behaviour.</param>
    public void SetBehavior(string key, VendorBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(behavior);
        lock (_gate)
        {
            _behaviors[key] = (behavior, 0);
        }
    }

    /// <summary>Gets a subscription.</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The subscription, or null.</returns>
    public VendorSubscription? GetSubscription(string subscriptionId)
    {
        lock (_gate)
        {
            return _subscriptions.GetValueOrDefault(subscriptionId);
        }
    }

    /// <summary>Gets how many times a subscription was really cancelled (replays and failures do not count).</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The count.</returns>
    public int CancelCount(string subscriptionId)
    {
        lock (_gate)
        {
            return _cancelCounts.GetValueOrDefault(subscriptionId);
        }
    }

    /// <summary>Gets how many subscriptions were really created for an asset.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>The count.</returns>
    public int CreateCount(string assetId)
    {
        lock (_gate)
        {
            return _createCounts.GetValueOrDefault(assetId);
        }
    }

    /// <summary>Clears the call log (not subscriptions or counters).</summary>
    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public ValueTask DisposeAsync() => KestrelHost.StopAsync(_stopping, _host);

    private static byte[] Message(string message) => ApiResult.Serialize(new JsonObject { ["message"] = message });

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        string? body = null;
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var idempotencyKey = request.Headers.TryGetValue("Idempotency-Key", out var k) ? k.ToString() : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (_options.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_options.Latency, _options.TimeProvider, linked.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                Record(method, path, idempotencyKey, body, 0, replayed: false);
                return;
            }
        }

        int status;
        byte[] responseBody;
        int? retryAfter = null;
        var replayed = false;
        var auth = request.Headers.Authorization.ToString();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!string.Equals(auth, "Bearer " + ApiKey, StringComparison.Ordinal))
        {
            (status, responseBody) = (401, Message("Unauthorized."));
        }
        else if (method != "POST" || segments.Length is not (1 or 3) || segments[0] != "subscriptions" || (segments.Length == 3 && segments[2] != "cancel"))
        {
            (status, responseBody) = (404, Message("Not found."));
        }
        else
        {
            (int Status, byte[] Body)? stored = null;
            lock (_gate)
            {
                if (idempotencyKey is not null && _idempotent.TryGetValue(idempotencyKey, out var s))
                {
                    stored = s;
                }
            }

            if (stored is { } replay)
            {
                (status, responseBody, replayed) = (replay.Status, replay.Body, true);
            }
            else
            {
                JsonObject? json = null;
                try
                {
                    json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
                }
                catch (JsonException)
                {
                    json = null;
                }

                var key = segments.Length == 3 ? segments[1] : JsonPath.GetString(json, "asset_id");
                var behavior = NextBehavior(key);
                if (behavior.Kind == VendorBehaviorKind.Slow)
                {
                    try
                    {
                        await Task.Delay(behavior.Delay, _options.TimeProvider, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        context.Abort();
                        Record(method, path, idempotencyKey, body, 0, replayed: false);
                        return;
                    }
                }

                if (behavior.Kind is VendorBehaviorKind.Ok or VendorBehaviorKind.Slow)
                {
                    (status, responseBody) = segments.Length == 1 ? Create(json) : Cancel(segments[1]);
                }
                else
                {
                    status = behavior.StatusCode;
                    responseBody = Message(behavior.Message);
                    retryAfter = behavior.Kind == VendorBehaviorKind.RateLimited ? behavior.RetryAfterSeconds : null;
                }

                if (idempotencyKey is not null && status < 500 && status != 429 && status != 408)
                {
                    lock (_gate)
                    {
                        _idempotent.TryAdd(idempotencyKey, (status, responseBody));
                    }
                }
            }
        }

        Record(method, path, idempotencyKey, body, status, replayed);
        var response = context.Response;
        response.StatusCode = status;
        if (retryAfter is { } ra)
        {
            response.Headers.RetryAfter = ra.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json";
        response.ContentLength = responseBody.Length;
        try
        {
            await response.Body.WriteAsync(responseBody, linked.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private void Record(string method, string path, string? key, string? body, int status, bool replayed)
    {
        lock (_gate)
        {
            _calls.Add(new VendorCall(method, path, key, body, status, replayed));
        }
    }

    private VendorBehavior NextBehavior(string? key)
    {
        if (key is null)
        {
            return VendorBehavior.Ok;
        }

        lock (_gate)
        {
            if (!_behaviors.TryGetValue(key, out var entry))
            {
                return VendorBehavior.Ok;
            }

            if (entry.Behavior.Times is { } times)
            {
                if (entry.Used >= times)
                {
                    return VendorBehavior.Ok;
                }

                _behaviors[key] = (entry.Behavior, entry.Used + 1);
            }

            return entry.Behavior;
        }
    }

    private (int, byte[]) Create(JsonObject? json)
    {
        var assetId = JsonPath.GetString(json, "asset_id");
        if (string.IsNullOrEmpty(assetId) || json?["items"] is not JsonArray)
        {
            return (400, Message("asset_id and items are required."));
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"SUB-{Interlocked.Increment(ref _counter):000000}");
        lock (_gate)
        {
            _subscriptions[id] = new VendorSubscription(id, assetId, JsonPath.GetString(json, "product_id"), "active");
            _createCounts[assetId] = _createCounts.GetValueOrDefault(assetId) + 1;
        }

        return (201, ApiResult.Serialize(new JsonObject { ["id"] = id, ["status"] = "active" }));
    }

    private (int, byte[]) Cancel(string subscriptionId)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(subscriptionId, out var sub))
            {
                return (404, Message($"Subscription {subscriptionId} not found."));
            }

            if (sub.Status == "cancelled")
            {
                return (409, Message($"Subscription {subscriptionId} is already cancelled."));
            }

            _subscriptions[subscriptionId] = sub with { Status = "cancelled" };
            _cancelCounts[subscriptionId] = _cancelCounts.GetValueOrDefault(subscriptionId) + 1;
        }

        return (200, ApiResult.Serialize(new JsonObject { ["id"] = subscriptionId, ["status"] = "cancelled" }));
    }
}
