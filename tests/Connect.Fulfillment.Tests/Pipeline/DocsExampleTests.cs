using System.Net.Http.Headers;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Tests.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>The example of docs/testing.md, "Testing your handler end to end"; keep the two identical.</summary>
public class DocsExampleTests
{
    [Test]
    public async Task A_cancel_request_is_cancelled_at_the_vendor_and_approved()
    {
        await using var sandbox = await ConnectSandbox.StartAsync();
        await using var vendor = await FakeVendorServer.StartAsync();
        sandbox.Products.Add("PRD-1", p => p.Template("TL-1"));
        var requestId = sandbox.Requests.Add(r => r.Type("cancel").Product("PRD-1").Parameter("subscription_id", value: "SUB-1"));
        vendor.SeedSubscription("SUB-1", productId: "PRD-1");

        var services = new ServiceCollection();
        services.AddHttpClient<FakeVendorCancelAdapter>(http =>
        {
            http.BaseAddress = vendor.BaseUrl;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", vendor.ApiKey);
        });
        services.AddConnectFulfillment(o =>
            {
                o.Endpoint = sandbox.BaseUrl;
                o.ApiKey = sandbox.ApiKey;
            })
            .AddFulfillmentPipeline(o => o.Products = ["PRD-1"])
            .AddVendorCancelAdapter<FakeVendorCancelAdapter>();
        await using var provider = services.BuildServiceProvider();

        var summary = await provider.GetRequiredService<FulfillmentPipeline>().RunOnceAsync();

        Assert.That(summary.Approved, Is.EqualTo(1), summary.ToString());
        Assert.That(sandbox.GetRequestStatus(requestId), Is.EqualTo("approved"));
        Assert.That(sandbox.GetAssetStatus(sandbox.GetRequestAssetId(requestId)!), Is.EqualTo("terminated"));
        Assert.That(vendor.CancelCount("SUB-1"), Is.EqualTo(1));
        Assert.That(vendor.Calls.Single().IdempotencyKey, Is.EqualTo(requestId));
        Assert.That(sandbox.CallLog.Count("POST", $"/requests/{requestId}/approve"), Is.EqualTo(1));
    }
}
