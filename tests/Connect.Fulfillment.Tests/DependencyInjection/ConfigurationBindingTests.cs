using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Tests.DependencyInjection;

/// <summary>Options bind from configuration sections (lists and time spans included) and are validated at start-up.</summary>
public class ConfigurationBindingTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    [Test]
    public void Client_and_pipeline_options_bind_from_sections()
    {
        var configuration = Configuration(
            ("Connect:ApiKey", "SU-1:secret"),
            ("Connect:Endpoint", "https://connect.example.com/public/v1"),
            ("Connect:PageSize", "250"),
            ("Connect:Timeout", "00:00:30"),
            ("Connect:RetryBaseDelay", "00:00:00.250"),
            ("Pipeline:Products:0", "PRD-1"),
            ("Pipeline:Products:1", "PRD-2"),
            ("Pipeline:Environments:0", "test"),
            ("Pipeline:MaxConcurrency", "8"),
            ("Pipeline:HandlerTimeout", "00:02:00"),
            ("Pipeline:DryRun", "true"));
        var services = new ServiceCollection();
        services.AddConnectFulfillment(configuration.GetSection("Connect")).AddFulfillmentPipeline(configuration.GetSection("Pipeline"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<IOptionsMonitor<ConnectClientOptions>>().Get(Options.DefaultName);
        var pipeline = provider.GetRequiredService<IOptionsMonitor<FulfillmentPipelineOptions>>().Get(Options.DefaultName);

        Assert.Multiple(() =>
        {
            Assert.That(client.ApiKey, Is.EqualTo("SU-1:secret"));
            Assert.That(client.Endpoint, Is.EqualTo(new Uri("https://connect.example.com/public/v1")));
            Assert.That(client.PageSize, Is.EqualTo(250));
            Assert.That(client.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(client.RetryBaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(client.MaxRetryAttempts, Is.EqualTo(3), "unset keys keep their defaults");
            Assert.That(pipeline.Products, Is.EqualTo(new[] { "PRD-1", "PRD-2" }));
            Assert.That(pipeline.Environments, Is.EqualTo(new[] { "test" }));
            Assert.That(pipeline.MaxConcurrency, Is.EqualTo(8));
            Assert.That(pipeline.HandlerTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(pipeline.DryRun, Is.True);
            Assert.That(provider.GetRequiredService<FulfillmentPipeline>(), Is.Not.Null);
        });
    }

    [Test]
    public void A_named_account_binds_its_own_section()
    {
        var configuration = Configuration(("Billing:ApiKey", "SU-2:other"), ("Billing:TotalTimeout", "00:10:00"));
        var services = new ServiceCollection();
        services.AddConnectFulfillment("billing", configuration.GetSection("Billing"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ConnectClientOptions>>().Get("billing");

        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.EqualTo("SU-2:other"));
            Assert.That(options.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(provider.GetRequiredKeyedService<IConnectClient>("billing"), Is.InstanceOf<ConnectClient>());
        });
    }

    [Test]
    public void Bad_bound_values_fail_at_start_up_naming_the_setting()
    {
        var configuration = Configuration(("Connect:ApiKey", "SU-1:c0nf-secret"), ("Connect:PageSize", "5000"), ("Pipeline:Products:0", "PRD-1"), ("Pipeline:MaxListingPasses", "0"));
        var services = new ServiceCollection();
        services.AddConnectFulfillment(configuration.GetSection("Connect")).AddFulfillmentPipeline(configuration.GetSection("Pipeline"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Catch(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.ToString(), Does.Contain("ConnectClientOptions.PageSize").And.Contain("FulfillmentPipelineOptions.MaxListingPasses").And.Not.Contain("c0nf-secret"));
    }

    [Test]
    public void Data_annotation_and_rule_failures_come_from_the_same_validator_with_and_without_DI()
    {
        var options = new FulfillmentPipelineOptions { Products = [], MaxListingPasses = 0 };

        var failures = FulfillmentPipelineOptionsValidator.Check(options);

        Assert.Multiple(() =>
        {
            Assert.That(failures, Has.Some.Contains("FulfillmentPipelineOptions.MaxListingPasses"));
            Assert.That(failures, Has.Some.StartsWith("FulfillmentPipelineOptions.Products"));
            Assert.That(FulfillmentPipelineOptionsValidator.Check(new FulfillmentPipelineOptions { Products = ["PRD-1"] }), Is.Empty);
        });
    }
}
