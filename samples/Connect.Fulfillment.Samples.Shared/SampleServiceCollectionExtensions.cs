using System.Net;
using System.Net.Http.Headers;
using Connect.Fulfillment;
using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
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
    /// Binds the <c>Connect</c>, <c>Vendor</c> and <c>Fulfillment</c> sections (validated when the host starts), then
    /// registers the Connect client, the fulfillment pipeline, and the HTTP vendor adapters for cancel and purchase
    /// requests on a vendor <see cref="HttpClient"/> with the standard resilience handler.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="demo">The embedded demo, which replaces the Connect and vendor settings; null for real ones.</param>
    /// <returns>The Connect builder, for further registrations.</returns>
    public static ConnectFulfillmentBuilder AddSampleProcessor(this IServiceCollection services, IConfiguration configuration, DemoEnvironment? demo = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectSettings>().BindConfiguration(ConnectSettings.Section).ValidateOnStart()

            // The binder reads arrays only; Connect:Products may also be one comma-separated value.
            .Configure<IConfiguration>((connect, config) =>
            {
                if (config[$"{ConnectSettings.Section}:{nameof(ConnectSettings.Products)}"] is { } list)
                {
                    connect.Products.Add(list);
                }
            });
        services.AddOptions<VendorSettings>().BindConfiguration(VendorSettings.Section).ValidateOnStart();
        services.AddOptions<FulfillmentSettings>().BindConfiguration(FulfillmentSettings.Section).ValidateOnStart();
        services.TryAddSingleton<SampleOptionsValidators>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectSettings>, SampleOptionsValidators>(p => p.GetRequiredService<SampleOptionsValidators>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VendorSettings>, SampleOptionsValidators>(p => p.GetRequiredService<SampleOptionsValidators>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FulfillmentSettings>, SampleOptionsValidators>(p => p.GetRequiredService<SampleOptionsValidators>()));
        services.TryAddSingleton<VendorCredentialsMonitor>();
        if (demo is not null)
        {
            services.AddSingleton(demo);
            services.PostConfigure<ConnectSettings>(demo.Apply);
            services.PostConfigure<VendorSettings>(demo.Apply);
        }

        var builder = services.AddConnectFulfillment(options => options.UserAgent = "connect-fulfillment-samples/0.1");
        services.AddOptions<ConnectClientOptions>().Configure<IOptions<ConnectSettings>>((options, connect) =>
        {
            options.Endpoint = Uri.TryCreate(connect.Value.Endpoint?.Trim(), UriKind.Absolute, out var endpoint) ? endpoint : null;
            options.ApiKey = connect.Value.ApiKey?.Trim();
        });

        builder.AddFulfillmentPipeline(_ => { });
        services.AddOptions<FulfillmentPipelineOptions>().Configure<IOptions<ConnectSettings>, IOptions<VendorSettings>, IOptions<FulfillmentSettings>>((options, connect, vendor, fulfillment) =>
        {
            var settings = fulfillment.Value;
            options.Products = [.. connect.Value.ProductIds];
            options.Environments = connect.Value.Environments.Count == 0 ? ["preview"] : [.. connect.Value.Environments];
            options.MaxConcurrency = settings.MaxConcurrency;
            options.DryRun = settings.DryRun;
            options.ApproveTemplateId = string.IsNullOrWhiteSpace(settings.ApproveTemplateId) ? null : settings.ApproveTemplateId.Trim();
            options.ApproveTemplateName = string.IsNullOrWhiteSpace(settings.ApproveTemplateName) ? "Default Activation Template" : settings.ApproveTemplateName.Trim();

            // A handler may spend up to three vendor attempts plus the waits between them.
            var attempt = TimeSpan.FromSeconds(vendor.Value.TimeoutSeconds);
            var vendorBudget = (attempt * (VendorRetries + 1)) + (MaxVendorRetryAfter * VendorRetries);
            options.HandlerTimeout = vendorBudget > options.HandlerTimeout ? vendorBudget : options.HandlerTimeout;
        });

        // The handlers take their settings when registered; an empty value is reported by the validator at start.
        var parameter = configuration[$"{FulfillmentSettings.Section}:{nameof(FulfillmentSettings.SubscriptionIdParameter)}"]?.Trim() ?? "subscription_id";
        builder
            .AddVendorCancelAdapter<HttpVendorCancelAdapter>(o => o.SubscriptionIdParameter = parameter)
            .AddVendorPurchaseAdapter<HttpVendorPurchaseAdapter>(o => o.SubscriptionIdParameter = parameter);

        services.AddHttpClient<VendorApi>(VendorHttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                var vendor = provider.GetRequiredService<IOptions<VendorSettings>>().Value;
                var baseUrl = vendor.BaseUrl!.Trim();
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", vendor.ApiKey!.Trim());
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = VendorApi.MaxResponseBytes;
            })

            // The default request loggers hand every header, the bearer key included, to structured sinks.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((options, provider) => ConfigureVendorResilience(
                options,
                TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<VendorSettings>>().Value.TimeoutSeconds),
                provider.GetService<TimeProvider>()));

        services.AddSampleCoordination(configuration);
        return builder;
    }

    /// <summary>
    /// The vendor's standard resilience settings: every attempt times out after <paramref name="attemptTimeout"/>;
    /// 5xx, 408, 429, timeouts and connection errors are retried <see cref="VendorRetries"/> times with exponential
    /// backoff and jitter, waiting as long as <c>Retry-After</c> asks (up to <see cref="MaxVendorRetryAfter"/>; a longer
    /// wait is not retried). A POST is retried only when it carries an <c>Idempotency-Key</c>, so a retry never repeats
    /// the side effect at the vendor.
    /// </summary>
    /// <param name="options">The standard resilience options.</param>
    /// <param name="attemptTimeout">The timeout of one attempt.</param>
    /// <param name="timeProvider">The clock.</param>
    public static void ConfigureVendorResilience(HttpStandardResilienceOptions options, TimeSpan attemptTimeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = timeProvider ?? TimeProvider.System;
        options.AttemptTimeout.Timeout = attemptTimeout;
        options.TotalRequestTimeout.Timeout = (attemptTimeout * (VendorRetries + 1)) + (MaxVendorRetryAfter * VendorRetries) + TimeSpan.FromSeconds(5);
        options.CircuitBreaker.SamplingDuration = attemptTimeout * 2 > TimeSpan.FromSeconds(30) ? attemptTimeout * 2 : TimeSpan.FromSeconds(30);
        options.Retry.MaxRetryAttempts = VendorRetries;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = TimeSpan.FromMilliseconds(300);
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetryVendorCall(args.Outcome, args.Context.GetRequestMessage(), clock));
    }

    private static bool ShouldRetryVendorCall(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeProvider clock)
    {
        var replaySafe = request is null
            || request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || request.Headers.Contains(VendorApi.IdempotencyKeyHeader);
        if (!replaySafe || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } response)
        {
            var header = response.Headers.RetryAfter;
            var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
            return wait is not { } delay || delay <= MaxVendorRetryAfter;
        }

        return true;
    }
}
