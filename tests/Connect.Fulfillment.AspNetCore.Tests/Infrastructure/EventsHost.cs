using System.Collections.Concurrent;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A webhook host with the events endpoint, whose fulfillment pipeline works against a fresh Connect sandbox and
/// cancels subscriptions through <see cref="GatedCancelAdapter"/>.
/// </summary>
internal sealed class EventsHost : IAsyncDisposable
{
    public const string Product = "PRD-100-200-300";

    private EventsHost(ConnectSandbox sandbox, WebhookHost host, CancelGate gate)
    {
        Sandbox = sandbox;
        Host = host;
        Gate = gate;
    }

    public ConnectSandbox Sandbox { get; }

    public WebhookHost Host { get; }

    public CancelGate Gate { get; }

    public static async Task<EventsHost> StartAsync(Action<ConnectWebhookOptions>? options = null, bool gated = false)
    {
        var sandbox = await ConnectSandbox.StartAsync();
        sandbox.Products.Add(Product, p => p.Template("TL-100-200-300", name: "Default Activation Template", scope: "asset"));
        var gate = new CancelGate(gated);
        var host = await WebhookHost.StartAsync(options, services: services =>
        {
            services.AddSingleton(gate);
            services.AddConnectFulfillment(o =>
                {
                    o.Endpoint = sandbox.BaseUrl;
                    o.ApiKey = sandbox.ApiKey;
                    o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                })
                .AddFulfillmentPipeline(o => o.Products.Add(Product))
                .AddVendorCancelAdapter<GatedCancelAdapter>();
        }, mapEvents: true);
        return new EventsHost(sandbox, host, gate);
    }

    public string AddPendingCancel(string subscriptionId = "SUB-1")
        => Sandbox.Requests.Add(r => r.Type("cancel").Status("pending").Product(Product).Environment("preview")
            .Parameter("subscription_id", phase: "fulfillment", value: subscriptionId));

    /// <summary>Waits (bounded) until the request leaves pending, as the background processing ends.</summary>
    public async Task<string?> WaitForStatusAsync(string requestId, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Sandbox.GetRequestStatus(requestId) != status && !timeout.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        return Sandbox.GetRequestStatus(requestId);
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Open();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>Counts cancel calls per subscription and, when gated, holds each call until opened.</summary>
internal sealed class CancelGate(bool gated)
{
    private readonly TaskCompletionSource open = NewSource(!gated);
    private readonly TaskCompletionSource entered = NewSource(false);

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Completes when a cancel call has started.</summary>
    public Task Entered => entered.Task;

    public void Open() => open.TrySetResult();

    public async Task PassAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(subscriptionId, 1, (_, count) => count + 1);
        entered.TrySetResult();
        await open.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSource(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}

internal sealed class GatedCancelAdapter(CancelGate gate) : IVendorCancelAdapter
{
    public async Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
    {
        await gate.PassAsync(context.ExternalSubscriptionId, cancellationToken);
        return VendorResult.Success();
    }
}
