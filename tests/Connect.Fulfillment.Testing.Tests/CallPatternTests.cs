namespace Connect.Fulfillment.Testing.Tests;

/// <summary>Call-log queries and fault rules share one pattern syntax: "[METHOD ]/path" with * wildcards.</summary>
public class CallPatternTests : SandboxTestBase
{
    [Test]
    public async Task Call_log_and_fault_rules_read_the_same_pattern_alike()
    {
        var id = Sandbox.Requests.Add();
        const string Pattern = "POST /requests/*/pend";
        var rule = Sandbox.Faults.Add(FaultRule.For(Pattern).OnCall(1).ServerError(502));

        Assert.That((await PostAsync($"requests/{id}/pend")).Status, Is.EqualTo(502));
        Assert.That((await PostAsync($"requests/{id}/pend")).Status, Is.EqualTo(400), "second call reaches the state machine");
        await GetAsync($"requests/{id}");
        await PostAsync($"requests/{id}/approve", new { });

        Assert.That(rule.MatchCount, Is.EqualTo(2));
        Assert.That(Sandbox.CallLog.Count(Pattern), Is.EqualTo(2));
        Assert.That(Sandbox.CallLog.Where(Pattern).Select(e => e.StatusCode), Is.EqualTo(new[] { 502, 400 }));
        Assert.That(Sandbox.CallLog.Count("post /requests/*/pend"), Is.EqualTo(2), "methods are case-insensitive");
        Assert.That(Sandbox.CallLog.Count("/requests/*"), Is.EqualTo(4), "no method: any method");
        Assert.That(Sandbox.CallLog.Count("* /requests/*"), Is.EqualTo(4), "* as the method: any method");
        Assert.That(Sandbox.CallLog.Count("GET /requests"), Is.Zero, "the path is matched whole");
        Assert.That(Sandbox.CallLog.Count("GET /requests/*"), Is.EqualTo(1));
        Assert.That(Sandbox.CallLog.Count($"POST /public/v1/requests/{id}/approve"), Is.EqualTo(1), "the full path matches too");
        Assert.That(Sandbox.CallLog.Entries.Count(e => e.Matches("POST /requests/*")), Is.EqualTo(3));
    }

    [Test]
    public async Task Two_argument_forms_keep_their_meaning()
    {
        var id = Sandbox.Requests.Add();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").OnCall(1).ServerError(503));
        Assert.That((await GetAsync($"requests/{id}")).Status, Is.EqualTo(200), "a fault path is matched whole");
        Assert.That((await GetAsync("requests")).Status, Is.EqualTo(503));

        Assert.That(Sandbox.CallLog.Count("GET", "/requests"), Is.EqualTo(2), "a call-log path is a prefix: the pattern with a trailing *");
        Assert.That(Sandbox.CallLog.Count(null, $"/requests/{id}"), Is.EqualTo(1));
        Assert.That(Sandbox.CallLog.Entries[0].Matches("GET", "/public/v1/requests/"), Is.True);
    }

    [Test]
    public async Task A_trailing_slash_on_the_call_is_ignored()
    {
        Sandbox.Faults.Add(FaultRule.For("GET /requests").ServerError(500));
        Assert.That((await GetAsync("requests/")).Status, Is.EqualTo(500));
        Assert.That(Sandbox.CallLog.Count("GET /requests"), Is.EqualTo(1));
    }
}
