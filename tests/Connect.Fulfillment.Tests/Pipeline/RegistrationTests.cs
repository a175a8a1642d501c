using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Tests.Pipeline;

public class RegistrationTests : PipelineTestBase
{
    private sealed class RecordingCancelAdapter : IVendorCancelAdapter
    {
        public ConcurrentQueue<VendorSubscriptionContext> Calls { get; } = new();

        public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue(context);
            return Task.FromResult(VendorResult.Success());
        }
    }

    private sealed class ChangeHandler(Tracker tracker) : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
        {
            tracker.Seen.Enqueue(context.RequestId);
            return Task.FromResult(RequestOutcome.Approve(TemplateId));
        }
    }

    private sealed class SetupHandler : ITierConfigRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(RequestOutcome.Fail("no reseller program"));
    }

    private sealed class Tracker
    {
        public ConcurrentQueue<string> Seen { get; } = new();
    }

    private void Account(ConnectClientOptions o)
    {
        o.Endpoint = Sandbox.BaseUrl;
        o.ApiKey = Sandbox.ApiKey;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
    }

    [Test]
    public async Task The_registered_pipeline_runs_the_adapter_and_the_handlers()
    {
        var cancel = AddRequest("cancel");
        var change = AddRequest("change");
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Product(Product));
        var adapter = new RecordingCancelAdapter();
        var tracker = new Tracker();
        var services = new ServiceCollection();
        services.AddSingleton(adapter);
        services.AddSingleton(tracker);
        services.AddConnectFulfillment(Account)
            .AddFulfillmentPipeline(o =>
            {
                o.Products = [Product];
                o.KeepApprovedResults = true;
            })
            .AddVendorCancelAdapter<RecordingCancelAdapter>()
            .AddRequestHandler<ChangeHandler>(RequestType.Change)
            .AddTierConfigRequestHandler<SetupHandler>(TierConfigRequestType.Setup);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var pipeline = provider.GetRequiredService<FulfillmentPipeline>();
        var summary = await pipeline.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pipeline, Is.SameAs(provider.GetRequiredKeyedService<FulfillmentPipeline>(string.Empty)));
            Assert.That(adapter.Calls.Single().IdempotencyKey, Is.EqualTo(cancel));
            Assert.That(tracker.Seen, Is.EqualTo(new[] { change }));
            Assert.That(ResultOf(summary, cancel).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, change).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, tcr).Status, Is.EqualTo(RequestResultStatus.Failed));
        });
    }

    private sealed class PerRequestState : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class ScopedHandler(PerRequestState state, ConcurrentQueue<PerRequestState> seen) : IFulfillmentRequestHandler
    {
        public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
        {
            seen.Enqueue(state);
            return Task.FromResult(RequestOutcome.Skip("checked"));
        }
    }

    [Test]
    public async Task Handlers_are_created_in_a_scope_of_their_own_per_request()
    {
        AddRequest();
        AddRequest();
        AddRequest();
        var seen = new ConcurrentQueue<PerRequestState>();
        var services = new ServiceCollection();
        services.AddScoped<PerRequestState>();
        services.AddSingleton(seen);
        services.AddConnectFulfillment(Account)
            .AddFulfillmentPipeline(o =>
            {
                o.Products = [Product];
                o.KeepApprovedResults = true;
            })
            .AddRequestHandler<ScopedHandler>(RequestType.Cancel);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await provider.GetRequiredService<FulfillmentPipeline>().RunOnceAsync();

        Assert.That(seen, Has.Count.EqualTo(3));
        Assert.That(seen.Distinct().Count(), Is.EqualTo(3));
        Assert.That(seen.Select(s => s.Disposed), Has.All.True);
    }

    [Test]
    public async Task Bad_pipeline_options_fail_at_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(Account).AddFulfillmentPipeline(o =>
        {
            o.Products = [];
            o.MaxConcurrency = 0;
            o.ApproveTemplateName = " ";
        });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("FulfillmentPipelineOptions.Products")
            .And.Contain("FulfillmentPipelineOptions.MaxConcurrency")
            .And.Contain("FulfillmentPipelineOptions.ApproveTemplateName"));
        Assert.That(() => provider.GetRequiredService<FulfillmentPipeline>(), Throws.InstanceOf<OptionsValidationException>());
    }

    [Test]
    public void Bad_options_passed_by_hand_fail_in_the_constructor_naming_the_setting()
    {
        Assert.That(() => CreatePipeline(new FulfillmentHandlers(), o => o.HandlerTimeout = TimeSpan.Zero),
            Throws.ArgumentException.With.Message.Contains("FulfillmentPipelineOptions.HandlerTimeout"));
        Assert.That(() => CreatePipeline(new FulfillmentHandlers(), o => o.Environments = ["staging"]),
            Throws.ArgumentException.With.Message.Contains("FulfillmentPipelineOptions.Environments").And.Message.Contains("staging"));
    }

    [Test]
    public async Task Two_accounts_get_their_own_keyed_pipelines()
    {
        Sandbox.Products.Add("PRD-2", p => p.Template("TL-2"));
        var first = AddRequest("cancel");
        var second = Sandbox.Requests.Add(r => r.Type("cancel").Product("PRD-2").Parameter("subscription_id", value: "SUB-2"));
        var adapter = new RecordingCancelAdapter();
        var tracker = new Tracker();
        var services = new ServiceCollection();
        services.AddSingleton(adapter);
        services.AddSingleton(tracker);
        services.AddConnectFulfillment("eu", Account)
            .AddFulfillmentPipeline(o =>
            {
                o.Products = [Product];
                o.KeepApprovedResults = true;
            })
            .AddRequestHandler<ChangeHandler>(RequestType.Cancel);
        services.AddConnectFulfillment("us", Account)
            .AddFulfillmentPipeline(o =>
            {
                o.Products = ["PRD-2"];
                o.ApproveTemplateId = "TL-2";
                o.KeepApprovedResults = true;
            })
            .AddVendorCancelAdapter<RecordingCancelAdapter>();
        await using var provider = services.BuildServiceProvider();

        var eu = provider.GetRequiredKeyedService<FulfillmentPipeline>("eu");
        var us = provider.GetRequiredKeyedService<FulfillmentPipeline>("us");
        var euSummary = await eu.RunOnceAsync();
        var usSummary = await us.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(eu, Is.Not.SameAs(us));
            Assert.That(provider.GetService<FulfillmentPipeline>(), Is.Null, "no default account was registered");
            Assert.That(eu.Options.Products, Is.EqualTo(new[] { Product }));
            Assert.That(us.Options.Products, Is.EqualTo(new[] { "PRD-2" }));
            Assert.That(euSummary.Results.Select(r => r.RequestId), Is.EqualTo(new[] { first }));
            Assert.That(usSummary.Results.Select(r => r.RequestId), Is.EqualTo(new[] { second }));
            Assert.That(tracker.Seen, Is.EqualTo(new[] { first }), "eu routes cancel to its own handler");
            Assert.That(adapter.Calls.Select(c => c.IdempotencyKey), Is.EqualTo(new[] { second }), "us routes cancel to the adapter");
            Assert.That(Sandbox.GetRequestStatus(second), Is.EqualTo("approved"));
        });
    }
}
