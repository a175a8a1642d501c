namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The web sample's two routes refuse calls without Connect's token, and answer only at the exact routes.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleSecurityTests
{
    private WebSampleHost host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await WebSampleHost.StartAsync(WebSampleValidationTests.ConfiguredEnvironment());

    [OneTimeTearDown]
    public void Stop() => host.Dispose();

    private static IEnumerable<TestCaseData> Refused()
    {
        foreach (var route in new[] { "/connect/validation", "/connect/events" })
        {
            yield return new TestCaseData(route, null).SetArgDisplayNames(route, "no token");
            yield return new TestCaseData(route, WebSampleHost.Token("another-secret-of-32-bytes-or-more-0123456789")).SetArgDisplayNames(route, "another secret");
            yield return new TestCaseData(route, WebSampleHost.Token()[..^4] + "AAAA").SetArgDisplayNames(route, "tampered signature");
            yield return new TestCaseData(route, "not-a-jwt").SetArgDisplayNames(route, "malformed");
        }
    }

    [TestCaseSource(nameof(Refused))]
    public async Task A_call_without_a_valid_token_is_answered_401_with_no_detail(string route, string? token)
    {
        var body = route == "/connect/validation" ? WebSampleDrafts.WithDomain("bad_domain.com").ToJsonString() : """{"request_id":"PR-1234-5678-9012-001"}""";

        using var response = await host.PostAsync(route, body, token);

        Assert.That((int)response.StatusCode, Is.EqualTo(401), host.ToString());
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(host.Process.Stdout + host.Process.Stderr, Does.Not.Contain(WebSampleHost.Secret));
    }

    [TestCase("/connect/validate")]
    [TestCase("/validation")]
    [TestCase("/connect/events/extra")]
    public async Task Other_routes_are_not_served(string route)
    {
        using var response = await host.PostAsync(route, "{}", WebSampleHost.Token());

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_body_that_is_not_a_request_is_answered_400_naming_the_problem()
    {
        using var response = await host.PostAsync("/connect/validation", "{\"id\": ", WebSampleHost.Token());

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("INVALID_JSON"));
    }
}
