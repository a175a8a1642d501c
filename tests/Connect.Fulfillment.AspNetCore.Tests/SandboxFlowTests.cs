using System.Collections.Concurrent;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>
/// The whole webhook flow with no Connect account: the sandbox plays Connect, calling a real Kestrel host's
/// validation endpoint for drafts and its events endpoint for pending requests, which the pipeline then processes.
/// </summary>
public sealed class SandboxFlowTests
{
    private const string Product = "PRD-150-150-150";
    private const string DomainError = "Enter a domain name such as example.com.";

    [Test]
    public async Task A_bad_draft_stays_a_draft_then_once_fixed_becomes_pending_and_is_processed_from_the_event()
    {
        await using var flow = await Flow.StartAsync();

        var draft = await flow.Sandbox.Requests.AddDraftAsync(r => r.Product(Product)
            .Parameter("customer_domain", phase: "ordering", value: "not a domain")
            .Parameter("subscription_id", phase: "fulfillment")
            .Item("SKU-USERS", 5));

        Assert.Multiple(() =>
        {
            Assert.That(draft.Status, Is.EqualTo("draft"), draft.ToString());
            Assert.That(draft.WebhookStatusCode, Is.EqualTo(200));
            Assert.That(draft.Errors, Is.EqualTo(new Dictionary<string, string> { ["customer_domain"] = DomainError }));
            Assert.That(flow.Sandbox.GetRequestStatus(draft.RequestId), Is.EqualTo("draft"));
        });

        var fixedDraft = await flow.Sandbox.Requests.UpdateDraftAsync(draft.RequestId, "customer_domain", "example.com");
        Assert.Multiple(() =>
        {
            Assert.That(fixedDraft.Status, Is.EqualTo("pending"), fixedDraft.ToString());
            Assert.That(fixedDraft.Errors, Is.Empty, "the validator cleared the earlier error");
        });

        await flow.Sandbox.Webhooks.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var events = flow.Sandbox.Webhooks.Deliveries.Where(d => d.Kind == WebhookDelivery.EventsKind).ToList();
        Assert.That(events.Select(e => (e.RequestId, e.StatusCode)), Is.EqualTo(new[] { (draft.RequestId, (int?)202) }));

        Assert.That(await flow.WaitForStatusAsync(draft.RequestId, "approved"), Is.EqualTo("approved"));
        Assert.Multiple(() =>
        {
            Assert.That(flow.Vendor.Created.Keys, Is.EqualTo(new[] { draft.RequestId }));
            Assert.That(flow.Sandbox.GetRequestParameterValue(draft.RequestId, "subscription_id"), Is.EqualTo("SUB-" + draft.RequestId));
            Assert.That(flow.Sandbox.CallLog.Count($"POST /requests/{draft.RequestId}/approve"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Fifty_concurrent_drafts_are_each_validated_correctly()
    {
        await using var flow = await Flow.StartAsync(processEvents: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            flow.Sandbox.Requests.AddDraftAsync(r => r.Product(Product)
                .Parameter("customer_domain", phase: "ordering", value: i % 2 == 0 ? $"host{i}.example.com" : $"host {i}"))));

        Assert.Multiple(() =>
        {
            for (var i = 0; i < results.Length; i++)
            {
                var good = i % 2 == 0;
                Assert.That(results[i].Status, Is.EqualTo(good ? "pending" : "draft"), results[i].ToString());
                Assert.That(results[i].Errors.Keys, good ? Is.Empty : Is.EqualTo(new[] { "customer_domain" }));
                Assert.That(flow.Sandbox.GetRequestParameterValue(results[i].RequestId, "customer_domain"), Is.EqualTo(good ? $"host{i}.example.com" : $"host {i}"));
            }
        });
    }

    /// <summary>A vendor host (validator, pipeline and purchase adapter on real Kestrel), plus the sandbox that plays Connect for it.</summary>
    private sealed class Flow : IAsyncDisposable
    {
        private Flow(ConnectSandbox sandbox, WebhookHost host, RecordingPurchaseAdapter vendor)
        {
            Sandbox = sandbox;
            Host = host;
            Vendor = vendor;
        }

        public ConnectSandbox Sandbox { get; }

        public WebhookHost Host { get; }

        public RecordingPurchaseAdapter Vendor { get; }

        public static async Task<Flow> StartAsync(bool processEvents = true)
        {
            var sandbox = await ConnectSandbox.StartAsync();
            var vendor = new RecordingPurchaseAdapter();
            var host = await WebhookHost.StartAsync(
                validators: webhooks => webhooks.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, ValidateDomainAsync),
                services: services =>
                {
                    services.AddSingleton(vendor);
                    services.AddConnectFulfillment(o =>
                        {
                            o.Endpoint = sandbox.BaseUrl;
                            o.ApiKey = sandbox.ApiKey;
                        })
                        .AddFulfillmentPipeline(o => o.Products.Add(Product))
                        .AddVendorPurchaseAdapter<RecordingPurchaseAdapter>();
                },
                mapEvents: true);
            var address = host.Client.BaseAddress!;

            sandbox.Products.Add(Product, p =>
            {
                p.Template("TL-150-150-150", name: "Default Activation Template", scope: "asset")
                    .ValidationWebhook(new Uri(address, WebhookHost.ValidationPath), Tokens.Secret);
                if (processEvents)
                {
                    p.EventsWebhook(new Uri(address, WebhookHost.EventsPath), Tokens.Secret);
                }
            });
            return new Flow(sandbox, host, vendor);
        }

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
            await Sandbox.DisposeAsync();
            await Host.DisposeAsync();
        }

        private static Task ValidateDomainAsync(FulfillmentValidationContext context, CancellationToken cancellationToken)
        {
            if (context.FindParameter(ParameterPhase.Ordering, "customer_domain") is { } domain)
            {
                if (Uri.CheckHostName(domain.Value) == UriHostNameType.Dns && domain.Value!.Contains('.', StringComparison.Ordinal))
                {
                    context.ClearError(domain);
                }
                else
                {
                    context.SetError(domain, DomainError);
                }
            }

            return Task.CompletedTask;
        }
    }

    private sealed class RecordingPurchaseAdapter : IVendorPurchaseAdapter
    {
        public ConcurrentDictionary<string, int> Created { get; } = new();

        public Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default)
        {
            Created.AddOrUpdate(context.IdempotencyKey, 1, (_, count) => count + 1);
            return Task.FromResult(VendorResult.Created("SUB-" + context.IdempotencyKey));
        }
    }
}
