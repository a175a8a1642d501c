using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>Runs the real pipeline (DI registration, built-in cancel handler) once against a Connect endpoint.</summary>
public static class ProcessorRun
{
    public const string ProductId = "PRD-500-000-001";
    public const string TemplateId = "TL-500-000-001";

    public static async Task<RunSummary> RunAsync(Uri endpoint, string apiKey, int concurrency, TimeSpan vendorLatency, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DelayVendorAdapter(vendorLatency));
        services.AddConnectFulfillment(o =>
            {
                o.Endpoint = endpoint;
                o.ApiKey = apiKey;
                o.PageSize = pageSize;
            })
            .AddFulfillmentPipeline(o =>
            {
                o.Products.Add(ProductId);
                o.MaxConcurrency = concurrency;
            })
            .AddVendorCancelAdapter<DelayVendorAdapter>();
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<FulfillmentPipeline>();
        return await pipeline.RunOnceAsync(cancellationToken);
    }

    /// <summary>A vendor that takes a fixed time to cancel and always succeeds.</summary>
    public sealed class DelayVendorAdapter(TimeSpan latency) : IVendorCancelAdapter
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public async Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls);
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, cancellationToken);
            }

            return VendorResult.Success();
        }
    }
}
