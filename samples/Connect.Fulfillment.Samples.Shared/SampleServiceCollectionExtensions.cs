using System.Net;
using Connect.Fulfillment;
using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registration shared by the sample hosts.</summary>
public static class SampleServiceCollectionExtensions
{
    /// <summary>The name of the vendor <see cref="HttpClient"/>.</summary>
    public const string VendorHttpClientName = "Connect.Fulfillment.Samples.Vendor";

    /// <summary>How many times a failed vendor call is retried.</summary>
    public const int VendorRetries = 2;

    /// <summary>The longest <c>Retry-After</c> the vendor client waits for; a longer one ends the call as a transient failure.</summary>
    public static readonly TimeSpan MaxVendorRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads and checks the configuration (<see cref="SampleSettings"/>), then registers the Connect client, the
    /// fulfillment pipeline, the HTTP vendor adapters for cancel and purchase requests (<see cref="HttpVendorCancelAdapter"/>,
    /// <see cref="HttpVendorPurchaseAdapter"/>) on a vendor <see cref="HttpClient"/> with retries, and the
    /// <see cref="SampleEnvironment"/> — the embedded sandbox demo when <c>Connect:Endpoint</c> is not set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The Connect builder, for further registrations.</returns>
    /// <exception cref="SampleConfigurationException">A key is missing or invalid.</exception>
    public static ConnectFulfillmentBuilder AddSampleProcessor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = SampleSettings.Load(configuration);
        services.AddSingleton(settings);

        // The demo servers start when the environment is first resolved (hosts resolve it before anything else).
        services.AddSingleton(_ => settings.IsDemo
            ? SampleEnvironment.StartDemoAsync().GetAwaiter().GetResult()
            : SampleEnvironment.FromSettings(settings));

        var builder = services.AddConnectFulfillment(options => options.UserAgent = "connect-fulfillment-samples/0.1");
        services.AddOptions<ConnectClientOptions>().Configure<SampleEnvironment>((options, environment) =>
        {
            options.Endpoint = environment.ConnectEndpoint;
            options.ApiKey = environment.ConnectApiKey;
        });

        builder.AddFulfillmentPipeline(options =>
        {
            options.Environments = [.. settings.Environments];
            options.MaxConcurrency = settings.MaxConcurrency;
            options.DryRun = settings.DryRun;
            options.ReplicaIndex = settings.ReplicaIndex;
            options.ReplicaCount = settings.ReplicaCount;
            options.ApproveTemplateId = settings.ApproveTemplateId;
            options.ApproveTemplateName = settings.ApproveTemplateName;

            // A handler may spend up to three vendor attempts plus the waits between them.
            var vendorBudget = (settings.VendorTimeout * (VendorRetries + 1)) + (MaxVendorRetryAfter * VendorRetries);
            options.HandlerTimeout = vendorBudget > options.HandlerTimeout ? vendorBudget : options.HandlerTimeout;
        });
        services.AddOptions<FulfillmentPipelineOptions>().Configure<SampleEnvironment>((options, environment) => options.Products = [.. environment.Products]);

        builder
            .AddVendorCancelAdapter<HttpVendorCancelAdapter>(o => o.SubscriptionIdParameter = settings.SubscriptionIdParameter)
            .AddVendorPurchaseAdapter<HttpVendorPurchaseAdapter>(o => o.SubscriptionIdParameter = settings.SubscriptionIdParameter);

        services.AddHttpClient<VendorApi>(VendorHttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                var environment = provider.GetRequiredService<SampleEnvironment>();
                var baseUrl = environment.VendorBaseUrl.ToString();
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", environment.VendorApiKey);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(header => header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || header.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            .AddResilienceHandler("vendor", (pipeline, context) => ConfigureVendorResilience(pipeline, settings.VendorTimeout, context.ServiceProvider.GetService<TimeProvider>()));

        return builder;
    }

    /// <summary>
    /// The vendor retry rules: every attempt times out after <paramref name="attemptTimeout"/>; 5xx, 408, 429, timeouts
    /// and connection errors are retried <see cref="VendorRetries"/> times with exponential backoff and jitter, waiting
    /// as long as <c>Retry-After</c> asks (up to <see cref="MaxVendorRetryAfter"/>; a longer wait is not retried). The
    /// POSTs carry an <c>Idempotency-Key</c>, so a retry never repeats the side effect at the vendor.
    /// </summary>
    /// <param name="pipeline">The resilience pipeline.</param>
    /// <param name="attemptTimeout">The timeout of one attempt.</param>
    /// <param name="timeProvider">The clock.</param>
    public static void ConfigureVendorResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan attemptTimeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var clock = timeProvider ?? TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = VendorRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetryVendorCall(args.Outcome, clock)),
        });
        pipeline.AddTimeout(attemptTimeout);
    }

    private static bool ShouldRetryVendorCall(Outcome<HttpResponseMessage> outcome, TimeProvider clock)
    {
        if (outcome.Result is { } response)
        {
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                var header = response.Headers.RetryAfter;
                var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
                return wait is not { } delay || delay <= MaxVendorRetryAfter;
            }

            return (int)response.StatusCode >= 500;
        }

        return outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException or IOException;
    }
}
