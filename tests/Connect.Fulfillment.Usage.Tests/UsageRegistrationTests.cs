using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Usage.Tests;

/// <summary>One-line registration with options validated before the first run.</summary>
public class UsageRegistrationTests
{
    [Test]
    public void The_reporter_resolves_with_valid_options()
    {
        using var provider = Services(o => o.ProductIds.Add("PRD-1")).BuildServiceProvider();

        Assert.That(provider.GetRequiredService<UsageReporter>(), Is.Not.Null);
    }

    [Test]
    public void Options_without_products_fail_with_a_message_naming_the_setting()
    {
        using var provider = Services(o => o.Currency = "US D").BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<UsageReportingOptions>>().Value);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Failures, Has.Some.Contains("UsageReportingOptions.ProductIds must name at least one pay-as-you-go product."));
            Assert.That(ex.Failures, Has.Some.Contains("UsageReportingOptions.Currency \"US D\""));
        });
    }

    [Test]
    public void A_negative_poll_interval_is_refused()
    {
        using var provider = Services(o =>
        {
            o.ProductIds.Add("PRD-1");
            o.ProcessingPollInterval = TimeSpan.FromSeconds(-1);
        }).BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<UsageReporter>(), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("ProcessingPollInterval"));
    }

    private static ServiceCollection Services(Action<UsageReportingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o => o.ApiKey = "SU-123-456-789:0123456789abcdef");
        services.AddConnectUsageReporting<TableUsageSource>(configure);
        return services;
    }
}
