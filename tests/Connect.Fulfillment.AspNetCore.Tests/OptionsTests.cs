using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Tests;

public sealed class OptionsTests
{
    [Test]
    public void Options_are_bound_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:JwtSecret"] = Tokens.Secret,
            ["Webhook:ClockSkew"] = "00:00:05",
            ["Webhook:MaxBodyBytes"] = "2048",
            ["Webhook:ValidatorTimeout"] = "00:00:02",
            ["Webhook:AdditionalJwtSecrets:0"] = Tokens.OtherSecret,
            ["Webhook:EventConcurrency"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectWebhooks(configuration.GetSection("Webhook"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectWebhookOptions>>().Value;

        Assert.That(options.JwtSecret, Is.EqualTo(Tokens.Secret));
        Assert.That(options.ClockSkew, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.MaxBodyBytes, Is.EqualTo(2048));
        Assert.That(options.ValidatorTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.AdditionalJwtSecrets, Is.EqualTo(new[] { Tokens.OtherSecret }));
        Assert.That(options.EventConcurrency, Is.EqualTo(2));
    }

    [TestCase(nameof(ConnectWebhookOptions.ClockSkew), "ClockSkew must be between")]
    [TestCase(nameof(ConnectWebhookOptions.ValidatorTimeout), "ValidatorTimeout must be more than zero")]
    [TestCase(nameof(ConnectWebhookOptions.MaxBodyBytes), "MaxBodyBytes")]
    [TestCase(nameof(ConnectWebhookOptions.EventConcurrency), "EventConcurrency")]
    [TestCase(nameof(ConnectWebhookOptions.EventQueueCapacity), "EventQueueCapacity")]
    [TestCase(nameof(ConnectWebhookOptions.AdditionalJwtSecrets), "AdditionalJwtSecrets[0] must be at least 32 bytes")]
    public void Bad_options_fail_at_start_naming_the_setting(string setting, string message)
    {
        var services = new ServiceCollection();
        services.AddConnectWebhooks(o =>
        {
            o.JwtSecret = Tokens.Secret;
            switch (setting)
            {
                case nameof(ConnectWebhookOptions.ClockSkew): o.ClockSkew = TimeSpan.FromHours(1); break;
                case nameof(ConnectWebhookOptions.ValidatorTimeout): o.ValidatorTimeout = TimeSpan.Zero; break;
                case nameof(ConnectWebhookOptions.MaxBodyBytes): o.MaxBodyBytes = 10; break;
                case nameof(ConnectWebhookOptions.EventConcurrency): o.EventConcurrency = 0; break;
                case nameof(ConnectWebhookOptions.EventQueueCapacity): o.EventQueueCapacity = 0; break;
                default: o.AdditionalJwtSecrets.Add("too-short"); break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<ConnectWebhookOptions>>().Value);

        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void Validators_are_registered_only_for_kinds_of_their_request_type()
    {
        var builder = new ServiceCollection().AddConnectWebhooks(o => o.JwtSecret = Tokens.Secret);

        Assert.That(() => builder.AddFulfillmentValidator(ConnectValidationKind.DraftTierConfiguration, (_, _) => Task.CompletedTask), Throws.ArgumentException.With.Message.Contains("tier configuration kind"));
        Assert.That(() => builder.AddTierConfigValidator(ConnectValidationKind.DraftPurchase, (_, _) => Task.CompletedTask), Throws.ArgumentException.With.Message.Contains("fulfillment kind"));
        Assert.That(() => builder.AddFulfillmentValidator<NoOpValidator>(), Throws.ArgumentException.With.Message.Contains("at least one"));
    }

    [Test]
    public void Mapping_without_AddConnectWebhooks_fails_clearly()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        Assert.That(() => app.MapConnectValidation("/connect/validation"), Throws.InvalidOperationException.With.Message.Contains("AddConnectWebhooks"));
    }

    private sealed class NoOpValidator : IFulfillmentRequestValidator
    {
        public Task ValidateAsync(FulfillmentValidationContext context, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
