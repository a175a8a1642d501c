using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// A local, stateful HTTP server that behaves like the parts of the CloudBlue Connect API used by a fulfillment processor:
/// requests, assets, product templates, tier config requests and conversations, with seeding, inspection and fault injection.
/// </summary>
public sealed class ConnectSandbox : IAsyncDisposable
{
    /// <summary>The API base path, <c>/public/v1</c>.</summary>
    public const string BasePath = "/public/v1";

    private readonly ConnectSandboxOptions _options;
    private readonly SandboxStore _state;
    private readonly SandboxRandom _random;
    private readonly CancellationTokenSource _stopping = new();
    private KestrelHost? _host;

    private ConnectSandbox(ConnectSandboxOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPageSize, 1, nameof(options.MaxPageSize));
        _options = options;
        _random = new SandboxRandom(options.Seed);
        _state = new SandboxStore(options.TimeProvider, options.MaxPageSize);
        var key = options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            key = string.Create(CultureInfo.InvariantCulture, $"SU-000-000-000:sandbox{_random.NextInt64():x16}");
        }

        ApiKey = key.StartsWith("ApiKey ", StringComparison.Ordinal) ? key : "ApiKey " + key;
        Webhooks = new SandboxWebhooks(options.TimeProvider);
        Requests = new SandboxRequests(_state, Webhooks);
        Products = new SandboxProducts(_state, Webhooks);
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

    /// <summary>Gets the webhook calls the sandbox makes as Connect (draft validation, events), their settings and record.</summary>
    public SandboxWebhooks Webhooks { get; }

    /// <summary>Gets the fault injection rules.</summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>Starts a sandbox on 127.0.0.1.</summary>
    /// <param name="options">Options, or null for defaults (free port, page cap 100, no latency).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop.</returns>
    public static async Task<ConnectSandbox> StartAsync(ConnectSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sandbox = new ConnectSandbox(options ?? new ConnectSandboxOptions());
        var pipeline = new SandboxPipeline(sandbox._options, sandbox.CallLog, sandbox.Faults, sandbox._random, sandbox.ApiKey, sandbox._stopping.Token);
        sandbox._host = await KestrelHost.StartAsync(sandbox._options.Port, sandbox._options.LoggerFactory, app => SandboxApi.Map(app, pipeline, sandbox._state), cancellationToken);
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

    /// <summary>Removes all requests, assets, products (with their webhooks), templates, tier config requests and conversations (not the call log, webhook deliveries or faults).</summary>
    public void ClearState()
    {
        _state.Clear();
        Webhooks.Registry.Clear();
    }

    /// <summary>Gets a copy of a request's current state.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetRequest(string requestId) => _state.CopyOf(_state.Requests, requestId);

    /// <summary>Gets a copy of an asset's current state.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetAsset(string assetId) => _state.CopyOf(_state.Assets, assetId);

    /// <summary>Gets a copy of a tier config request's current state.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetTierConfigRequest(string tierConfigRequestId) => _state.CopyOf(_state.TierConfigRequests, tierConfigRequestId);

    /// <summary>Gets a copy of a conversation with its <c>messages</c>.</summary>
    /// <param name="conversationOrInstanceId">The conversation id (<c>CO-…</c>) or the id of its request.</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? GetConversation(string conversationOrInstanceId) =>
        _state.Read(s => s.FindConversation(conversationOrInstanceId) is { } c ? s.ConversationWithMessages(c) : null);

    /// <summary>Gets copies of the messages of a conversation.</summary>
    /// <param name="conversationOrInstanceId">The conversation id or the id of its request.</param>
    /// <returns>The messages in the order they were posted.</returns>
    public IReadOnlyList<JsonObject> GetMessages(string conversationOrInstanceId) =>
        _state.Read(s => s.FindConversation(conversationOrInstanceId) is { } c ? s.MessagesOf(c).Select(m => m.DeepClone().AsObject()).ToList() : []);

    /// <summary>Gets a request's status.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetRequestStatus(string requestId) => _state.ReadString(_state.Requests, requestId, "status");

    /// <summary>Gets an asset's status.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetAssetStatus(string assetId) => _state.ReadString(_state.Assets, assetId, "status");

    /// <summary>Gets a tier config request's status.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetTierConfigRequestStatus(string tierConfigRequestId) => _state.ReadString(_state.TierConfigRequests, tierConfigRequestId, "status");

    /// <summary>Gets the asset id of a request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The asset id, or null when unknown.</returns>
    public string? GetRequestAssetId(string requestId) => _state.ReadString(_state.Requests, requestId, "asset.id");

    /// <summary>Gets the <c>value</c> of a request's asset parameter.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The value, or null when the request or parameter is unknown.</returns>
    public string? GetRequestParameterValue(string requestId, string parameterId) =>
        _state.Read(s => s.Requests.Get(requestId) is { } r
            && (ParameterRules.Find((r["asset"] as JsonObject)?["params"] as JsonArray, parameterId) ?? ParameterRules.Find(r["params"] as JsonArray, parameterId)) is { } p
                ? JsonPath.GetString(p, "value")
                : null);

    /// <summary>Gets the <c>value</c> of a tier config request parameter.</summary>
    /// <param name="tierConfigRequestId">The id.</param>
    /// <param name="parameterId">The parameter id.</param>
    /// <returns>The value, or null when unknown.</returns>
    public string? GetTierConfigRequestParameterValue(string tierConfigRequestId, string parameterId) =>
        _state.Read(s => ParameterRules.ValueOf(s.TierConfigRequests.Get(tierConfigRequestId)?["params"] as JsonArray, parameterId));

    /// <summary>Stops the server; calls that hang are released, and webhook notifications still waiting are abandoned.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await Webhooks.StopAsync().ConfigureAwait(false);
        await KestrelHost.StopAsync(_stopping, _host).ConfigureAwait(false);
    }
}
