using System.Net.Http.Headers;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The standalone sandbox program: its options and the inspection views the kill test reads.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class SandboxProgramTests
{
    [TestCase("--fault-rate", "2", "'--fault-rate' needs a share from 0 to 1")]
    [TestCase("--seed-cancels", "-3", "'--seed-cancels' needs a number of zero or more")]
    [TestCase("--loss-rate", "0.1", "Unknown argument '--loss-rate'")]
    public async Task A_wrong_option_exits_2_naming_it(string option, string value, string message)
    {
        var result = await SampleProcess.RunAsync(SampleProcess.SandboxDll, null, option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(message).And.Contain("Usage:"));
    }

    [Test]
    public async Task Inspection_views_show_the_seeded_requests_the_vendor_and_each_call()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "4", "--fail-every", "2", "--seed", "5");
        var requests = await sandbox.RequestsAsync();
        Assert.That(requests.Select(r => (r.SubscriptionId, r.Status, r.VendorStatus)), Is.EqualTo(new[]
        {
            ("SUB-000001", "pending", "active"),
            ("SUB-000002", "pending", (string?)null),
            ("SUB-000003", "pending", "active"),
            ("SUB-000004", "pending", (string?)null),
        }));

        var environment = sandbox.SampleEnvironment();
        using var connect = new HttpClient { BaseAddress = new Uri(environment["Connect__Endpoint"]! + "/") };
        connect.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", environment["Connect__ApiKey"]);
        using var vendor = new HttpClient { BaseAddress = new Uri(environment["Vendor__BaseUrl"]!) };
        vendor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", environment["Vendor__ApiKey"]);
        using var cancel = new HttpRequestMessage(HttpMethod.Post, "subscriptions/SUB-000001/cancel");
        cancel.Headers.Add("Idempotency-Key", requests[0].Id);
        using var cancelled = await vendor.SendAsync(cancel);
        using var get = await connect.GetAsync($"requests/{requests[0].Id}");

        var calls = await sandbox.CallsAsync();
        var vendorCalls = await sandbox.VendorCallsAsync();
        var counts = await sandbox.CountsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => (c.Method, c.Path, c.Status, c.StateChanged)), Is.EqualTo(new[] { ("GET", $"/requests/{requests[0].Id}", 200, false) }));
            Assert.That(vendorCalls.Select(c => (c.SubscriptionId, c.IdempotencyKey, c.Status, c.Acted)), Is.EqualTo(new[] { ("SUB-000001", requests[0].Id, 200, true) }));
            Assert.That((counts.ConnectCalls, counts.VendorCalls, counts.Pending), Is.EqualTo((1, 1, 4)));
        });
        Assert.That((await sandbox.RequestsAsync())[0].VendorStatus, Is.EqualTo("cancelled"));
    }
}
