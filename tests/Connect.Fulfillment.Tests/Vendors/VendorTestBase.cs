using System.Net.Http.Headers;
using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Vendors;

/// <summary>The sandbox plus the fake vendor, and a pipeline built through DI the way a host builds it.</summary>
public abstract class VendorTestBase : PipelineTestBase
{
    private readonly List<ServiceProvider> providers = [];

    protected FakeVendorServer Vendor { get; private set; } = null!;

    [SetUp]
    public async Task StartVendor() => Vendor = await FakeVendorServer.StartAsync();

    [TearDown]
    public async Task StopVendor()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await Vendor.DisposeAsync();
    }

    /// <summary>Points a typed client at the fake vendor with its bearer key.</summary>
    protected void AddVendorHttpClient<TAdapter>(IServiceCollection services)
        where TAdapter : class
        => services.AddHttpClient<TAdapter>(http =>
        {
            http.BaseAddress = Vendor.BaseUrl;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Vendor.ApiKey);
        });

    protected FulfillmentPipeline BuildPipeline(Action<ConnectFulfillmentBuilder> register, Action<IServiceCollection>? services = null, Action<FulfillmentPipelineOptions>? configure = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddConnectFulfillment(o =>
        {
            o.Endpoint = Sandbox.BaseUrl;
            o.ApiKey = Sandbox.ApiKey;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        }).AddFulfillmentPipeline(o =>
        {
            o.Products = [Product];

            // Keep every result so that tests can check each request's outcome; the default keeps only those not approved.
            o.KeepApprovedResults = true;

            // A transition sent again within the run waits a millisecond, as the client's retries do here.
            o.TransitionRetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(o);
        });
        register(builder);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        providers.Add(provider);
        return provider.GetRequiredService<FulfillmentPipeline>();
    }
}
