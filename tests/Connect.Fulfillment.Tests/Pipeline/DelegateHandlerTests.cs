using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Handlers registered as delegates are routed by type and status exactly like handler classes.</summary>
public class DelegateHandlerTests : PipelineTestBase
{
    [Test]
    public async Task Delegates_are_routed_by_type_and_status()
    {
        var pending = AddRequest("purchase", "pending");
        var inquiring = AddRequest("purchase", "inquiring");
        var cancel = AddRequest("cancel");
        var suspend = AddRequest("suspend");
        var seen = new List<string>();
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Purchase, (context, _) => Decide(seen, context, RequestOutcome.Approve(TemplateId)))
            .Add(RequestType.Purchase, (context, _) => Decide(seen, context, RequestOutcome.Pend()), RequestStatus.Inquiring)
            .Add(RequestType.Cancel, (context, _) => Decide(seen, context, RequestOutcome.Fail("not cancellable")));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EquivalentTo(new[] { pending, inquiring, cancel }));
            Assert.That(ResultOf(summary, pending).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, inquiring).Status, Is.EqualTo(RequestResultStatus.Pended));
            Assert.That(ResultOf(summary, cancel).Reason, Is.EqualTo("not cancellable"));
            Assert.That(ResultOf(summary, suspend).Reason, Does.Contain("no handler for suspend"));
            Assert.That(Sandbox.GetRequestStatus(cancel), Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task Delegates_registered_through_DI_handle_requests_and_tier_config_requests()
    {
        var request = AddRequest("cancel");
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Type("setup").Product(Product).TierLevel(1));
        var services = new ServiceCollection();
        services.AddSingleton(new Marker("from DI"));
        services.AddConnectFulfillment(o =>
            {
                o.Endpoint = Sandbox.BaseUrl;
                o.ApiKey = Sandbox.ApiKey;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            })
            .AddFulfillmentPipeline(o =>
            {
                o.Products = [Product];
                o.KeepApprovedResults = true;
            })
            .AddRequestHandler(RequestType.Cancel, (FulfillmentRequestContext context, CancellationToken _) =>
                Task.FromResult(RequestOutcome.Fail(context.Services.GetRequiredService<Marker>().Text)))
            .AddTierConfigRequestHandler(TierConfigRequestType.Setup, (TierConfigRequestContext context, CancellationToken _) =>
                Task.FromResult(RequestOutcome.Skip("tier " + context.RequestId)));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var summary = await provider.GetRequiredService<FulfillmentPipeline>().RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, request).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(ResultOf(summary, request).Reason, Is.EqualTo("from DI"));
            Assert.That(ResultOf(summary, tcr).Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(ResultOf(summary, tcr).Reason, Is.EqualTo("tier " + tcr));
            Assert.That(ResultOf(summary, tcr).Kind, Is.EqualTo(RequestKind.TierConfiguration));
        });
    }

    [Test]
    public async Task A_throwing_delegate_only_affects_its_own_request()
    {
        var broken = AddRequest("cancel");
        var fine = AddRequest("suspend");
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Cancel, (_, _) => throw new InvalidOperationException("delegate bug"))
            .Add(RequestType.Suspend, (_, _) => Task.FromResult(RequestOutcome.Approve(TemplateId)));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(ResultOf(summary, broken).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, broken).Reason, Does.Contain("delegate bug"));
        Assert.That(ResultOf(summary, fine).Status, Is.EqualTo(RequestResultStatus.Approved));
    }

    private static Task<RequestOutcome> Decide(List<string> seen, FulfillmentRequestContext context, RequestOutcome outcome)
    {
        lock (seen)
        {
            seen.Add(context.RequestId);
        }

        return Task.FromResult(outcome);
    }

    private sealed record Marker(string Text);
}
