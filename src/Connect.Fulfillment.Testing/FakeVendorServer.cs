using System.Globalization;
using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Vendor;
using Microsoft.AspNetCore.Builder;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// A small fake vendor API with bearer auth, <c>Idempotency-Key</c> replay, configurable behaviours and side-effect
/// counters: <c>POST /subscriptions</c> (create) and <c>POST /subscriptions/{id}/cancel</c>, <c>…/change</c>,
/// <c>…/suspend</c> and <c>…/resume</c>, and <c>GET /subscriptions/{id}/usage?from=…&amp;to=…</c> (usage set by <see cref="SetUsage"/>).
/// </summary>
/// <remarks>
/// A call repeated with an Idempotency-Key already answered gets the first answer again (same status and body) and
/// changes nothing; 5xx, 408 and 429 answers are not remembered, so a retry after them runs for real.
/// </remarks>
public sealed class FakeVendorServer : IAsyncDisposable
{
    private readonly FakeVendorServerOptions _options;
    private readonly VendorState _state = new();
    private readonly CancellationTokenSource _stopping = new();
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
    public IReadOnlyList<VendorCall> Calls => _state.Calls;

    /// <summary>Gets a snapshot of all subscriptions.</summary>
    public IReadOnlyList<VendorSubscription> Subscriptions => _state.Subscriptions;

    /// <summary>Starts the fake vendor on 127.0.0.1.</summary>
    /// <param name="options">Options, or null for defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<FakeVendorServer> StartAsync(FakeVendorServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeVendorServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, nameof(options.Latency));
        var server = new FakeVendorServer(options);
        var endpoint = new VendorEndpoint(server._state, options, server.ApiKey, server._stopping.Token);
        server._host = await KestrelHost.StartAsync(options.Port, options.LoggerFactory, app => app.Run(endpoint.HandleAsync), cancellationToken);
        server.BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{server._host.Port}"));
        return server;
    }

    /// <summary>Adds (or replaces) a subscription.</summary>
    /// <param name="subscriptionId">The id, e.g. <c>SUB-1</c>.</param>
    /// <param name="assetId">The Connect asset id.</param>
    /// <param name="productId">The Connect product id.</param>
    /// <param name="status"><c>active</c>, <c>suspended</c> or <c>cancelled</c>.</param>
    public void SeedSubscription(string subscriptionId, string? assetId = null, string? productId = null, string status = "active")
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        _state.Seed(new VendorSubscription(subscriptionId, assetId, productId, status));
    }

    /// <summary>Sets how calls about a subscription (cancel, change, suspend, resume; keyed by subscription id) or a creation (keyed by <c>asset_id</c>) are answered.</summary>
    /// <param name="key">The subscription id, or the asset id for <c>POST /subscriptions</c>.</param>
    /// <param name="behavior">The behaviour.</param>
    public void SetBehavior(string key, VendorBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(behavior);
        _state.SetBehavior(key, behavior);
    }

    /// <summary>
    /// Sets the usage <c>GET /subscriptions/{id}/usage?from=…&amp;to=…</c> answers for a subscription (for any period),
    /// replacing what was set before. A subscription with neither usage nor a seeded subscription answers 404.
    /// </summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="usage">The usage per item.</param>
    public void SetUsage(string subscriptionId, IEnumerable<VendorUsage> usage)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        ArgumentNullException.ThrowIfNull(usage);
        _state.SetUsage(subscriptionId, usage.ToArray());
    }

    /// <summary>Gets a subscription.</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The subscription, or null.</returns>
    public VendorSubscription? GetSubscription(string subscriptionId) => _state.Get(subscriptionId);

    /// <summary>Gets how many times a subscription was really cancelled (replays and failures do not count).</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The count.</returns>
    public int CancelCount(string subscriptionId) => _state.Count(VendorOperations.Cancel, subscriptionId);

    /// <summary>Gets how many times a subscription's items were really changed (replays and failures do not count).</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The count.</returns>
    public int ChangeCount(string subscriptionId) => _state.Count(VendorOperations.Change, subscriptionId);

    /// <summary>Gets how many times a subscription was really suspended (replays and failures do not count).</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The count.</returns>
    public int SuspendCount(string subscriptionId) => _state.Count(VendorOperations.Suspend, subscriptionId);

    /// <summary>Gets how many times a subscription was really resumed (replays and failures do not count).</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <returns>The count.</returns>
    public int ResumeCount(string subscriptionId) => _state.Count(VendorOperations.Resume, subscriptionId);

    /// <summary>Gets how many subscriptions were really created for an asset.</summary>
    /// <param name="assetId">The asset id.</param>
    /// <returns>The count.</returns>
    public int CreateCount(string assetId) => _state.Count(VendorOperations.Create, assetId);

    /// <summary>Clears the call log (not subscriptions or counters).</summary>
    public void ClearCalls() => _state.ClearCalls();

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public ValueTask DisposeAsync() => KestrelHost.StopAsync(_stopping, _host);
}
