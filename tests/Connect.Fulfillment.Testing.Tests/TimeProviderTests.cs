using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Testing.Tests;

public class TimeProviderTests
{
    [Test]
    public async Task Timestamps_and_latency_follow_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { TimeProvider = clock, Latency = TimeSpan.FromMinutes(5) });
        var id = sandbox.Requests.Add();
        Assert.That((string?)sandbox.GetRequest(id)!["created"], Is.EqualTo("2024-05-01T12:00:00.000000+00:00"));

        using var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", sandbox.ApiKey);
        var call = http.GetAsync(sandbox.BaseUrl + "/requests");
        while (sandbox.CallLog.Total == 0)
        {
            await Task.Delay(5);
        }

        await Task.Delay(50);
        Assert.That(call.IsCompleted, Is.False, "waiting for five fake minutes");
        clock.Advance(TimeSpan.FromMinutes(5));
        using var response = await call;
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(sandbox.CallLog.Entries[0].Timestamp, Is.EqualTo(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task The_vendor_latency_follows_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { TimeProvider = clock, Latency = TimeSpan.FromMinutes(5) });
        vendor.SeedSubscription("SUB-1");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", vendor.ApiKey);

        var call = http.PostAsync(vendor.BaseUrl + "subscriptions/SUB-1/cancel", null);
        await Task.Delay(50);
        Assert.Multiple(() =>
        {
            Assert.That(call.IsCompleted, Is.False, "waiting for five fake minutes");
            Assert.That(vendor.CancelCount("SUB-1"), Is.Zero);
        });

        // Advance until the delay, which starts once the request has arrived, has certainly been passed.
        while (!call.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.WhenAny(call, Task.Delay(20));
        }

        using var response = await call;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(vendor.CancelCount("SUB-1"), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_negative_vendor_latency_is_refused()
        => Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FakeVendorServer.StartAsync(new FakeVendorServerOptions { Latency = TimeSpan.FromMilliseconds(-1) }));
}
