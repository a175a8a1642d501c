using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Tests.Pipeline;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Tests.Hosting;

/// <summary>The one-line registrations: the worker runs the registered pipeline, its health check reports it, bad options fail at start.</summary>
public class WorkerRegistrationTests : PipelineTestBase
{
    [Test]
    public async Task The_registered_worker_runs_the_pipeline_and_its_health_check_turns_healthy()
    {
        var id = AddRequest();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddConnectFulfillment(Account)
            .AddFulfillmentPipeline(o => o.Products = [Product])
            .AddVendorCancelAdapter<SucceedingCancelAdapter>()
            .AddFulfillmentWorker(o => o.Interval = TimeSpan.FromMinutes(5));
        services.AddHealthChecks().AddFulfillmentWorker();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();
        var worker = provider.GetServices<IHostedService>().OfType<Connect.Fulfillment.Hosting.Internal.FulfillmentWorker>().Single();

        Assert.That((await health.CheckHealthAsync()).Status, Is.EqualTo(HealthStatus.Degraded), "before the first run");
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var report = await WaitForAsync(health, HealthStatus.Healthy);
            Assert.That(report.Entries.Keys, Is.EqualTo(new[] { "connect-fulfillment-worker" }));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Bad_worker_options_fail_at_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(Account)
            .AddFulfillmentPipeline(o => o.Products = [Product])
            .AddFulfillmentWorker(o =>
            {
                o.Interval = TimeSpan.Zero;
                o.UnhealthyAfter = TimeSpan.FromDays(2);
            });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("FulfillmentWorkerOptions.Interval").And.Contain("FulfillmentWorkerOptions.UnhealthyAfter"));
    }

    [Test]
    public async Task Adding_the_worker_twice_keeps_one_worker_with_the_last_settings()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(Account)
            .AddFulfillmentPipeline(o => o.Products = [Product])
            .AddFulfillmentWorker(o => o.Interval = TimeSpan.FromMinutes(1))
            .AddFulfillmentWorker(o => o.Interval = TimeSpan.FromMinutes(7));
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IHostedService>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<IOptionsMonitor<Connect.Fulfillment.Hosting.FulfillmentWorkerOptions>>().Get(string.Empty).Interval, Is.EqualTo(TimeSpan.FromMinutes(7)));
    }

    private static async Task<HealthReport> WaitForAsync(HealthCheckService health, HealthStatus status)
    {
        // Polls until the first run has finished; the limit only guards against a hang.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var report = await health.CheckHealthAsync();
            if (report.Status == status || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(20);
        }
    }

    private void Account(ConnectClientOptions o)
    {
        o.Endpoint = Sandbox.BaseUrl;
        o.ApiKey = Sandbox.ApiKey;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
    }

    private sealed class SucceedingCancelAdapter : IVendorCancelAdapter
    {
        public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(VendorResult.Success());
    }
}
