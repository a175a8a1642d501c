using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The web sample's <c>/connect/events</c> against the standalone sandbox program (or a sandbox in the test process)
/// and a vendor: each notified request is processed by the pipeline with the processor sample's vendor adapters.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleEventsTests
{
    [Test]
    public async Task Notified_cancels_end_approved_with_one_vendor_call_each()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "3", "--latency-ms", "5");
        var environment = sandbox.SampleEnvironment();
        environment["Webhook__JwtSecret"] = WebSampleHost.Secret;
        using var host = await WebSampleHost.StartAsync(environment);
        var requests = await sandbox.RequestsAsync();

        foreach (var request in requests)
        {
            using var response = await host.PostAsync("/connect/events", new JsonObject { ["request_id"] = request.Id }.ToJsonString(), WebSampleHost.Token());
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That((int)response.StatusCode, Is.EqualTo(202), host.ToString());
            Assert.That((string?)answer["request_id"], Is.EqualTo(request.Id));
        }

        var ended = await WaitUntilAsync(sandbox, states => states.All(s => s.Status != "pending"), TimeSpan.FromSeconds(30));

        Assert.That(ended.Select(s => (s.Status, s.VendorStatus)), Is.All.EqualTo(("approved", "cancelled")), host + "\n" + sandbox);
        var vendorCalls = await sandbox.VendorCallsAsync();
        Assert.That(vendorCalls.Select(c => c.IdempotencyKey), Is.EquivalentTo(requests.Select(r => r.Id)), "one vendor call per request");
    }

    [Test]
    public async Task A_notification_naming_no_request_runs_the_pipeline_over_every_pending_request()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "4");
        var environment = sandbox.SampleEnvironment();
        environment["Webhook__JwtSecret"] = WebSampleHost.Secret;
        using var host = await WebSampleHost.StartAsync(environment);

        using var response = await host.PostAsync("/connect/events", "{}", WebSampleHost.Token());

        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        var ended = await WaitUntilAsync(sandbox, states => states.All(s => s.Status != "pending"), TimeSpan.FromSeconds(30));
        Assert.That(ended.Select(s => s.Status), Is.All.EqualTo("approved"), host + "\n" + sandbox);
    }

    [Test]
    public async Task A_notified_purchase_is_created_at_the_vendor_and_approved()
    {
        await using var scenario = await Scenario.StartAsync();
        var environment = scenario.Environment();
        environment["Webhook__JwtSecret"] = WebSampleHost.Secret;
        using var host = await WebSampleHost.StartAsync(environment);
        var purchase = scenario.Purchase();

        using var response = await host.PostAsync("/connect/events", new JsonObject { ["id"] = purchase }.ToJsonString(), WebSampleHost.Token());

        Assert.That((int)response.StatusCode, Is.EqualTo(202), host.ToString());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (scenario.Sandbox.GetRequestStatus(purchase) == "pending" && !cancel.IsCancellationRequested)
        {
            await Task.Delay(100);
        }

        Assert.That(scenario.Sandbox.GetRequestStatus(purchase), Is.EqualTo("approved"), host.ToString());
        var subscription = scenario.Sandbox.GetRequestParameterValue(purchase, "subscription_id");
        Assert.That(scenario.Vendor.GetSubscription(subscription!)?.Status, Is.EqualTo("active"));
    }

    internal static async Task<IReadOnlyList<SandboxRequestState>> WaitUntilAsync(SandboxProcess sandbox, Func<IReadOnlyList<SandboxRequestState>, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var states = await sandbox.RequestsAsync();
            if (done(states) || cancel.IsCancellationRequested)
            {
                return states;
            }

            await Task.Delay(100);
        }
    }
}
