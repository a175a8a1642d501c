using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class DependencyInjectionTests : ClientTestBase
{
    private sealed class CountingHandler : DelegatingHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task Registered_client_lists_approves_and_retries_through_the_http_client_factory()
    {
        var id = AddPending("cancel");
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").OnCall(1).ServerError(503));
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o =>
            {
                o.Endpoint = Sandbox.BaseUrl;
                o.ApiKey = Sandbox.ApiKey;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                o.PageSize = 10;
            })
            .HttpClientBuilder.AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IConnectClient>();

        var pending = await ToListAsync(client.ListRequestsAsync(RequestQuery.Pending([Product])));
        Assert.That(pending.Select(r => r.Id), Is.EqualTo(new[] { id }));
        Assert.That(Calls("GET", "/requests"), Is.EqualTo(2), "the 503 was retried by the registered resilience handler");

        var approved = await client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        Assert.That(approved.Status, Is.EqualTo(RequestStatus.Approved));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("terminated"));
        Assert.That(counter.Count, Is.GreaterThanOrEqualTo(2), "the host's handler sees the calls");
    }

    [Test]
    public async Task Registered_client_does_not_retry_a_server_error_on_approve()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").ServerError(502));
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o =>
        {
            o.Endpoint = Sandbox.BaseUrl;
            o.ApiKey = Sandbox.ApiKey;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();

        var ex = await ThrowsConnectAsync(() => provider.GetRequiredService<IConnectClient>().ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId)));

        Assert.That(ex.StatusCode, Is.EqualTo(502));
        Assert.That(Calls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_named_accounts_talk_to_their_own_sandbox()
    {
        await using var other = await ConnectSandbox.StartAsync();
        var here = AddPending();
        var there = other.Requests.Add(r => r.Product("PRD-OTHER"));
        var services = new ServiceCollection();
        services.AddConnectFulfillment("main", o => { o.Endpoint = Sandbox.BaseUrl; o.ApiKey = Sandbox.ApiKey; });
        services.AddConnectFulfillment("other", o => { o.Endpoint = other.BaseUrl; o.ApiKey = other.ApiKey; });
        await using var provider = services.BuildServiceProvider();

        var main = provider.GetRequiredKeyedService<IConnectClient>("main");
        var second = provider.GetRequiredKeyedService<IConnectClient>("other");

        Assert.That((await ToListAsync(main.ListRequestsAsync())).Select(r => r.Id), Is.EqualTo(new[] { here }));
        Assert.That((await ToListAsync(second.ListRequestsAsync())).Select(r => r.Id), Is.EqualTo(new[] { there }));
    }
}
