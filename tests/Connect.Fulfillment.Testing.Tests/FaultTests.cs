using System.Diagnostics;
using System.Text.Json;

namespace Connect.Fulfillment.Testing.Tests;

public class FaultTests : SandboxTestBase
{
    private string _id = null!;

    [SetUp]
    public void Seed()
    {
        Sandbox.Products.Add("PRD-F", p => p.Template("TL-F"));
        _id = Sandbox.Requests.Add(r => r.Product("PRD-F"));
    }

    [Test]
    public async Task Server_error_on_the_nth_call_only()
    {
        var rule = Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(2).ServerError(502));
        Assert.That((await GetAsync($"requests/{_id}")).Status, Is.EqualTo(200));
        var (status, body, _) = await GetAsync($"requests/{_id}");
        Assert.That(status, Is.EqualTo(502));
        Assert.That(body!["error_code"], Is.Not.Null);
        Assert.That((await GetAsync($"requests/{_id}")).Status, Is.EqualTo(200));
        Assert.That(rule.FiredCount, Is.EqualTo(1));
        Assert.That(rule.MatchCount, Is.EqualTo(3));
        Assert.That(Sandbox.CallLog.Count(e => e.Fault == FaultKind.ServerError && e.StatusCode == 502), Is.EqualTo(1));
    }

    [Test]
    public async Task Rate_limit_for_next_calls_with_retry_after()
    {
        Sandbox.Faults.Add(FaultRule.For(null, "/requests*").ForNextCalls(2).RateLimit(retryAfterSeconds: 7));
        for (var i = 0; i < 2; i++)
        {
            var (status, _, response) = await GetAsync("requests");
            Assert.That(status, Is.EqualTo(429));
            Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        }

        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Probability_faults_are_reproducible_with_the_seed()
    {
        async Task<string> Pattern(int seed)
        {
            await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = seed });
            sandbox.Faults.Add(FaultRule.For("GET", "/requests").WithProbability(0.5).ServerError());
            using var client = new HttpClient();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", sandbox.ApiKey);
            var chars = new List<char>();
            for (var i = 0; i < 20; i++)
            {
                chars.Add((await client.GetAsync(sandbox.BaseUrl + "/requests")).IsSuccessStatusCode ? '.' : 'x');
            }

            return new string(chars.ToArray());
        }

        var a = await Pattern(42);
        Assert.That(await Pattern(42), Is.EqualTo(a));
        Assert.That(a, Does.Contain("x").And.Contain("."));
    }

    [Test]
    public async Task Predicate_limits_the_rule()
    {
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").When(c => c.Body?.Contains("TL-BAD", StringComparison.Ordinal) == true).ServerError(500));
        Assert.That((await PostAsync($"requests/{_id}/approve", new { template_id = "TL-BAD" })).Status, Is.EqualTo(500));
        Assert.That((await PostAsync($"requests/{_id}/approve", new { template_id = "TL-F" })).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Latency_rule_delays_then_answers()
    {
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").Latency(TimeSpan.FromMilliseconds(150)));
        var sw = Stopwatch.StartNew();
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
        Assert.That(sw.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140)));
        Assert.That(Sandbox.CallLog.Entries.Single().Fault, Is.EqualTo(FaultKind.Latency));
    }

    [Test]
    public async Task Dropped_connection_fails_the_client()
    {
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").OnCall(1).DropConnection());
        Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync("requests"));
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
        Assert.That(Sandbox.CallLog.Entries[0].Fault, Is.EqualTo(FaultKind.DropConnection));
    }

    [Test]
    public async Task Hang_lasts_until_the_client_gives_up()
    {
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").OnCall(1).Hang());
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        impatient.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Sandbox.ApiKey);
        Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Sandbox.BaseUrl + "/requests"));
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
        Assert.That(Sandbox.CallLog.Entries[0].Fault, Is.EqualTo(FaultKind.Hang));
    }

    [Test]
    public async Task Hanging_call_is_released_when_the_sandbox_stops()
    {
        var sandbox = await ConnectSandbox.StartAsync();
        sandbox.Faults.Add(FaultRule.For(null, "*").Hang());
        using var client = new HttpClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", sandbox.ApiKey);
        var call = client.GetAsync(sandbox.BaseUrl + "/requests");
        while (sandbox.CallLog.Total == 0)
        {
            await Task.Delay(10);
        }

        var sw = Stopwatch.StartNew();
        await sandbox.DisposeAsync();
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.CatchAsync<Exception>(() => call);
    }

    [Test]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).MalformedJson());
        var response = await Http.GetAsync($"requests/{_id}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Throws(Is.InstanceOf<JsonException>(), () => JsonDocument.Parse(text));
    }

    [Test]
    public async Task Truncated_body_fails_while_reading()
    {
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).TruncatedBody());
        Assert.CatchAsync<Exception>(async () =>
        {
            using var response = await Http.GetAsync($"requests/{_id}");
            await response.Content.ReadAsStringAsync();
        });
        Assert.That((await GetAsync($"requests/{_id}")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Lose_response_applies_the_transition_then_answers_500()
    {
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).LoseResponse());
        var (status, _, _) = await PostAsync($"requests/{_id}/approve", new { template_id = "TL-F" });
        Assert.That(status, Is.EqualTo(500));
        Assert.That(Sandbox.GetRequestStatus(_id), Is.EqualTo("approved"), "state changed despite the error");
        var entry = Sandbox.CallLog.Entries.Single();
        Assert.That(entry.Fault, Is.EqualTo(FaultKind.LoseResponse));
        Assert.That(entry.StateChanged, Is.True);

        // A client retry now sees the wrong-state error.
        Assert.That((await PostAsync($"requests/{_id}/approve", new { template_id = "TL-F" })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task State_changed_is_recorded_for_every_applied_write_not_only_faulted_ones()
    {
        await GetAsync($"requests/{_id}");
        var (approved, _, _) = await PostAsync($"requests/{_id}/approve", new { template_id = "TL-F" });
        var (refused, _, _) = await PostAsync($"requests/{_id}/approve", new { template_id = "TL-F" });

        Assert.That((approved, refused), Is.EqualTo((200, 400)));
        Assert.That(Sandbox.CallLog.Entries.Select(e => (e.Method, e.StateChanged)), Is.EqualTo(new[] { ("GET", false), ("POST", true), ("POST", false) }));
    }

    [Test]
    public async Task Lose_response_with_abort()
    {
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/fail").LoseResponse(abortConnection: true));
        Assert.ThrowsAsync<HttpRequestException>(() => Http.PostAsync($"requests/{_id}/fail", new StringContent("{\"reason\":\"x\"}", System.Text.Encoding.UTF8, "application/json")));
        Assert.That(Sandbox.GetRequestStatus(_id), Is.EqualTo("failed"));
    }

    [Test]
    public async Task Faults_can_be_removed_and_cleared()
    {
        var rule = Sandbox.Faults.Add(FaultRule.For(null, "*").ServerError());
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(503));
        Assert.That(Sandbox.Faults.Remove(rule), Is.True);
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
        Sandbox.Faults.Add(FaultRule.For(null, "*").ServerError());
        Sandbox.Faults.Clear();
        Assert.That(Sandbox.Faults.Rules, Is.Empty);
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
    }
}

public class SandboxLatencyTests : SandboxTestBase
{
    protected override ConnectSandboxOptions Options => new() { Latency = TimeSpan.FromMilliseconds(50), MaxLatency = TimeSpan.FromMilliseconds(80) };

    [Test]
    public async Task Global_latency_applies_to_every_call()
    {
        var sw = Stopwatch.StartNew();
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(200));
        Assert.That(sw.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)));
    }
}
