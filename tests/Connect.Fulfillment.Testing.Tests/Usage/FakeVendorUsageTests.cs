using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary><c>GET /subscriptions/{id}/usage?from=…&amp;to=…</c> on the fake vendor.</summary>
public class FakeVendorUsageTests : FakeVendorTestBase
{
    private const string November = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

    private async Task<(int Status, JsonNode? Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Test]
    public async Task Answers_the_usage_set_for_the_subscription_and_logs_the_period()
    {
        _vendor.SetUsage("SUB-1", [new VendorUsage("MPN-CPU", 12.5m), new VendorUsage("MPN-RAM", 3m)]);

        var (status, body) = await GetAsync($"subscriptions/SUB-1/usage?{November}");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body!.ToJsonString(), Is.EqualTo("""[{"mpn":"MPN-CPU","quantity":12.5},{"mpn":"MPN-RAM","quantity":3}]"""));
            var call = _vendor.Calls.Single();
            Assert.That(call.Method, Is.EqualTo("GET"));
            Assert.That(call.Path, Is.EqualTo("/subscriptions/SUB-1/usage"));
            Assert.That(call.Query, Is.EqualTo("?" + November));
            Assert.That(call.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task A_seeded_subscription_without_usage_answers_an_empty_list_and_an_unknown_one_404()
    {
        _vendor.SeedSubscription("SUB-2");

        Assert.That((await GetAsync($"subscriptions/SUB-2/usage?{November}")).Body!.ToJsonString(), Is.EqualTo("[]"));
        Assert.That((await GetAsync($"subscriptions/SUB-404/usage?{November}")).Status, Is.EqualTo(404));
    }

    [TestCase("", "from is required once")]
    [TestCase("from=2026-11-01T00:00:00Z", "to is required once")]
    [TestCase("from=2026-11-01&to=2026-12-01", "from \"2026-11-01\" is not a UTC ISO 8601 instant")]
    [TestCase("from=2026-11-01T00:00:00%2B01:00&to=2026-12-01T00:00:00Z", "from \"2026-11-01T00:00:00+01:00\" is not a UTC ISO 8601 instant")]
    [TestCase("from=2026-11-01T00:00:00&to=2026-12-01T00:00:00Z", "is not a UTC ISO 8601 instant")]
    [TestCase("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "from must be before to.")]
    [TestCase("from=2026-11-01T00:00:00Z&from=2026-11-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from is required once")]
    public async Task The_period_must_be_two_utc_instants(string query, string message)
    {
        _vendor.SetUsage("SUB-1", [new VendorUsage("MPN-CPU", 1)]);

        var (status, body) = await GetAsync($"subscriptions/SUB-1/usage?{query}");

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["message"], Does.Contain(message));
    }

    [Test]
    public async Task Offsets_of_zero_and_fractions_are_accepted()
    {
        _vendor.SetUsage("SUB-1", []);

        var (status, _) = await GetAsync("subscriptions/SUB-1/usage?from=2026-11-01T00:00:00.000%2B00:00&to=2026-12-01T00:00:00.5Z");

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public async Task Bearer_auth_and_behaviours_apply()
    {
        _vendor.SetUsage("SUB-1", [new VendorUsage("MPN-CPU", 1)]);
        using var anonymous = new HttpClient { BaseAddress = _vendor.BaseUrl };
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.That((int)(await anonymous.GetAsync(new Uri($"subscriptions/SUB-1/usage?{November}", UriKind.Relative))).StatusCode, Is.EqualTo(401));

        _vendor.SetBehavior("SUB-1", VendorBehavior.Failure(503, times: 1));
        Assert.That((await GetAsync($"subscriptions/SUB-1/usage?{November}")).Status, Is.EqualTo(503));
        Assert.That((await GetAsync($"subscriptions/SUB-1/usage?{November}")).Status, Is.EqualTo(200));

        _vendor.SetBehavior("SUB-1", VendorBehavior.RateLimited(2, times: 1));
        using var limited = await _http.GetAsync(new Uri($"subscriptions/SUB-1/usage?{November}", UriKind.Relative));
        Assert.That((int)limited.StatusCode, Is.EqualTo(429));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Set_usage_replaces_what_was_set()
    {
        _vendor.SetUsage("SUB-1", [new VendorUsage("MPN-CPU", 1)]);
        _vendor.SetUsage("SUB-1", [new VendorUsage("MPN-RAM", 2.5m)]);

        Assert.That((await GetAsync($"subscriptions/SUB-1/usage?{November}")).Body!.ToJsonString(), Is.EqualTo("""[{"mpn":"MPN-RAM","quantity":2.5}]"""));
        Assert.That((await _http.PostAsync(new Uri("subscriptions/SUB-1/usage", UriKind.Relative), null)).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
    }
}
