using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The vendor client's standard resilience settings: which answers are retried, and that a POST needs an idempotency key.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VendorResilienceTests
{
    [TestCase(HttpStatusCode.ServiceUnavailable, true, 3)]
    [TestCase(HttpStatusCode.TooManyRequests, true, 3)]
    [TestCase(HttpStatusCode.RequestTimeout, true, 3)]
    [TestCase(HttpStatusCode.ServiceUnavailable, false, 1)]
    [TestCase(HttpStatusCode.Unauthorized, true, 1)]
    [TestCase(HttpStatusCode.Forbidden, true, 1)]
    [TestCase(HttpStatusCode.UnprocessableEntity, true, 1)]
    public async Task A_POST_is_retried_on_transient_answers_only_with_an_idempotency_key(HttpStatusCode status, bool withKey, int attempts)
    {
        var handler = new CountingHandler(status);
        using var provider = Client(handler);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://vendor.example.com/subscriptions");
        if (withKey)
        {
            request.Headers.Add("Idempotency-Key", "PR-1");
        }

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(handler.Calls, Is.EqualTo(attempts));
    }

    [Test]
    public async Task A_Retry_After_longer_than_30_seconds_is_not_waited_for()
    {
        var handler = new CountingHandler(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMinutes(5));
        using var provider = Client(handler);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://vendor.example.com/subscriptions");
        request.Headers.Add("Idempotency-Key", "PR-1");

        using var response = await http.SendAsync(request);

        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    private static ServiceProvider Client(CountingHandler handler)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("vendor")
            .ConfigurePrimaryHttpMessageHandler(() => handler)
            .AddStandardResilienceHandler()
            .Configure(options =>
            {
                SampleServiceCollectionExtensions.ConfigureVendorResilience(options, TimeSpan.FromSeconds(5));

                // The rules under test, without the backoff's wall-clock waits.
                options.Retry.Delay = TimeSpan.Zero;
                options.Retry.ShouldRetryAfterHeader = false;
            });
        return services.BuildServiceProvider();
    }

    private sealed class CountingHandler(HttpStatusCode status, TimeSpan? retryAfter = null) : HttpMessageHandler
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var response = new HttpResponseMessage(status);
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return Task.FromResult(response);
        }
    }
}
