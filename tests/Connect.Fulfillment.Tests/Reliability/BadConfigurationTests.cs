using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Every bad setting the issue lists fails at start-up (the host's <see cref="IStartupValidator"/>) with a message
/// naming the key, and never showing the API key; registering one account twice fails at once.
/// </summary>
public class BadConfigurationTests
{
    private const string KeySecret = "c0nf1g-secret-51f0";
    private const string ApiKey = "SU-111-222-333:" + KeySecret;

    private static IEnumerable<TestCaseData> BadSettings()
    {
        TestCaseData Client(string name, string key, Action<ConnectClientOptions> spoil)
            => new TestCaseData(spoil, (Action<FulfillmentPipelineOptions>)(_ => { }), "ConnectClientOptions." + key).SetName("Client: " + name);
        TestCaseData Pipeline(string name, string key, Action<FulfillmentPipelineOptions> spoil)
            => new TestCaseData((Action<ConnectClientOptions>)(_ => { }), spoil, "FulfillmentPipelineOptions." + key).SetName("Pipeline: " + name);

        yield return Client("missing endpoint", "Endpoint", o => o.Endpoint = null);
        yield return Client("relative endpoint", "Endpoint", o => o.Endpoint = new Uri("/public/v1", UriKind.Relative));
        yield return Client("file endpoint", "Endpoint", o => o.Endpoint = new Uri("file:///etc/passwd"));
        yield return Client("endpoint with user info", "Endpoint", o => o.Endpoint = new Uri("https://user:pw@api.example.com/public/v1"));
        yield return Client("http to a non-loopback host", "Endpoint", o => o.Endpoint = new Uri("http://api.connect.example.com/public/v1"));
        yield return Client("http to a LAN address", "Endpoint", o => o.Endpoint = new Uri("http://10.1.2.3/public/v1"));
        yield return Client("missing key", "ApiKey", o => o.ApiKey = null);
        yield return Client("blank key", "ApiKey", o => o.ApiKey = "   ");
        yield return Client("zero page size", "PageSize", o => o.PageSize = 0);
        yield return Client("negative retries", "MaxRetryAttempts", o => o.MaxRetryAttempts = -1);
        yield return Pipeline("missing products", "Products", o => o.Products = []);
        yield return Pipeline("null products", "Products", o => o.Products = null!);
        yield return Pipeline("blank product", "Products", o => o.Products = ["PRD-1", " "]);
        yield return Pipeline("unknown environment", "Environments", o => o.Environments = ["staging"]);
        yield return Pipeline("wrong-case environment", "Environments", o => o.Environments = ["Production"]);
        yield return Pipeline("zero concurrency", "MaxConcurrency", o => o.MaxConcurrency = 0);
        yield return Pipeline("negative concurrency", "MaxConcurrency", o => o.MaxConcurrency = -4);
        yield return Pipeline("negative grace period", "ShutdownGracePeriod", o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(-1));
        yield return Pipeline("zero handler timeout", "HandlerTimeout", o => o.HandlerTimeout = TimeSpan.Zero);
        yield return Pipeline("zero transition attempts", "MaxTransitionAttempts", o => o.MaxTransitionAttempts = 0);
        yield return Pipeline("too many transition attempts", "MaxTransitionAttempts", o => o.MaxTransitionAttempts = 11);
        yield return Pipeline("negative transition retry delay", "TransitionRetryDelay", o => o.TransitionRetryDelay = TimeSpan.FromSeconds(-1));
        yield return Pipeline("transition retry delay over a minute", "TransitionRetryDelay", o => o.TransitionRetryDelay = TimeSpan.FromMinutes(2));
        yield return Pipeline("no approve template", "ApproveTemplateName", o => o.ApproveTemplateName = "");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void A_bad_setting_fails_at_start_up_naming_the_key(Action<ConnectClientOptions> spoilClient, Action<FulfillmentPipelineOptions> spoilPipeline, string key)
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o =>
        {
            o.ApiKey = ApiKey;
            spoilClient(o);
        }).AddFulfillmentPipeline(o =>
        {
            o.Products = ["PRD-1"];
            spoilPipeline(o);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures, Has.Some.StartsWith(key));
            Assert.That(error.Message, Does.Contain(key));
            Assert.That(error.ToString(), Does.Not.Contain(KeySecret));
            Assert.That(() => provider.GetRequiredService<FulfillmentPipeline>(), Throws.InstanceOf<OptionsValidationException>());
        });
    }

    [Test]
    public void Several_bad_settings_are_all_reported_at_once()
    {
        var failures = ConnectClientOptionsValidator.Check(new ConnectClientOptions { Endpoint = null, ApiKey = null, PageSize = -1 })
            .Concat(FulfillmentPipelineOptionsValidator.Check(new FulfillmentPipelineOptions { MaxConcurrency = -1 }))
            .ToList();

        Assert.That(failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]), Is.EquivalentTo(new[]
        {
            "ConnectClientOptions.Endpoint", "ConnectClientOptions.ApiKey", "ConnectClientOptions.PageSize",
            "FulfillmentPipelineOptions.Products", "FulfillmentPipelineOptions.MaxConcurrency",
        }));
    }

    [Test]
    public void Bad_pipeline_options_also_fail_when_the_pipeline_is_built_without_DI()
    {
        using var client = ConnectClient.Create(new ConnectClientOptions { ApiKey = ApiKey });

        var error = Assert.Throws<ArgumentException>(() => new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = ["PRD-1"], MaxConcurrency = 0 }, new FulfillmentHandlers()));

        Assert.That(error!.Message, Does.Contain("FulfillmentPipelineOptions.MaxConcurrency"));
    }

    [TestCase("")]
    [TestCase("billing")]
    public void Registering_the_same_account_twice_fails_with_a_message_naming_it(string name)
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(name, o => o.ApiKey = ApiKey);

        var error = Assert.Throws<InvalidOperationException>(() => services.AddConnectFulfillment(name, o => o.ApiKey = ApiKey));

        Assert.That(error!.Message, Does.Contain(name.Length == 0 ? "default Connect account" : "'billing'").And.Contain("once per account name"));
    }

    [Test]
    public void Different_account_names_can_be_registered_side_by_side()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o => o.ApiKey = ApiKey);
        services.AddConnectFulfillment("billing", o => o.ApiKey = ApiKey);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredKeyedService<IConnectClient>("billing"), Is.Not.SameAs(provider.GetRequiredService<IConnectClient>()));
    }
}
