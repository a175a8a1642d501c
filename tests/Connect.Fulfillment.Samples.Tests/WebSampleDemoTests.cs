namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The web sample without <c>Connect:Endpoint</c>: the embedded sandbox calls the host's own webhooks, and the host
/// prints the story of a draft validated, corrected and processed, and of a cancel processed from its event, then
/// keeps serving until SIGTERM.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleDemoTests
{
    private const string Serving = "demo: serving ";

    [Test]
    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    public async Task The_demo_tells_the_draft_and_cancel_story_keeps_serving_and_stops_on_SIGTERM_with_exit_0()
    {
        using var host = await WebSampleHost.StartAsync(new Dictionary<string, string?>(), waitFor: Serving, timeout: TimeSpan.FromSeconds(90));
        var lines = host.Process.Stdout.Split('\n').Where(l => l.StartsWith("demo: ", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Match(@"^demo: product PRD-\S+ .* sends its validation webhook to http://127\.0\.0\.1:\d+/connect/validation and its events to http://127\.0\.0\.1:\d+/connect/events"), host.ToString());
            Assert.That(lines, Has.Some.Match(@"^demo: draft purchase PR-\S+ with customer_domain '.+' validated by /connect/validation: draft \(customer_domain: .+\)\.$"), host.ToString());
            Assert.That(lines, Has.Some.Match(@"^demo: customer_domain of PR-\S+ corrected to '.+' and validated again: pending \(no errors\)\.$"), host.ToString());
            Assert.That(lines, Has.Some.Match(@"^demo: purchase PR-\S+ processed from its event: approved \(vendor subscription \S+ active\)\.$"), host.ToString());
            Assert.That(lines, Has.Some.Match(@"^demo: cancel PR-\S+ processed from its event: approved \(vendor subscription SUB-\d+ cancelled\)\.$"), host.ToString());
            Assert.That(lines, Has.None.Contains("story stopped"), host.ToString());
        });

        // Still serving after the story; the secret was generated for this run, so a token of another secret is refused.
        using (var refused = await host.PostAsync("/connect/validation", WebSampleDrafts.WithDomain("bad_domain.com").ToJsonString(), WebSampleHost.Token()))
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(401));
        }

        host.Process.Signal(15);
        var result = await host.Process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    public async Task With_a_configured_secret_the_demo_host_answers_validation_calls_after_the_story()
    {
        var environment = new Dictionary<string, string?> { ["Webhook__JwtSecret"] = WebSampleHost.Secret };
        using var host = await WebSampleHost.StartAsync(environment, waitFor: Serving, timeout: TimeSpan.FromSeconds(90));

        var answer = await host.ValidateAsync(WebSampleDrafts.WithDomain("bad_domain.com"));
        var fixedAnswer = await host.ValidateAsync(WebSampleDrafts.WithDomain("good-domain.com", "old"));

        Assert.That(WebSampleDrafts.ValueError(answer), Does.Contain("underscore"));
        Assert.That(WebSampleDrafts.ValueError(fixedAnswer), Is.Empty);
        Assert.That(host.Process.Stdout + host.Process.Stderr, Does.Not.Contain(WebSampleHost.Secret));
        host.Process.Signal(2);
        var result = await host.Process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }
}
