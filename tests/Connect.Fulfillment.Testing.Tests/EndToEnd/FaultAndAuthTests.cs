using System.Diagnostics;
using System.Text.Json;
using Connect.Fulfillment.Models;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class FaultAndAuthTests : ClientTestBase
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    private int ApproveCalls(string id) => Calls("POST", $"/requests/{id}/approve");

    [Test]
    public async Task Wrong_api_key_is_unauthorized_and_the_key_is_not_in_the_message()
    {
        AddPending();
        using var client = ConnectClient.Create(Options(o => o.ApiKey = "ApiKey SU-111-222-333:TopSecretValue42"));

        var ex = await ThrowsConnectAsync(() => client.CountRequestsAsync());

        Assert.That(ex, Is.InstanceOf<ConnectUnauthorizedException>());
        Assert.That(ex.StatusCode, Is.EqualTo(401));
        Assert.That(ex.ErrorCode, Is.EqualTo("AUTH_001"));
        Assert.That(ex.Message + ex, Does.Not.Contain("TopSecretValue42").And.Not.Contain("SU-111-222-333"));
        Assert.That(Sandbox.CallLog.Total, Is.EqualTo(1), "a 401 is not retried");
        Assert.That(Sandbox.CallLog.Entries.Single().AuthorizationPresent, Is.True);
        Assert.That(Sandbox.CallLog.Entries.Single().AuthorizationValid, Is.False);
    }

    [Test]
    public async Task Api_key_without_the_prefix_is_accepted()
    {
        AddPending();
        using var client = ConnectClient.Create(Options(o => o.ApiKey = Sandbox.ApiKey["ApiKey ".Length..]));
        Assert.That(await client.CountRequestsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Rate_limit_is_retried_for_reads_and_for_approve()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).RateLimit(retryAfterSeconds: 0));
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).RateLimit(retryAfterSeconds: 0));

        Assert.That((await Client.GetRequestAsync(id)).Id, Is.EqualTo(id));
        Assert.That((await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId))).Status, Is.EqualTo(RequestStatus.Approved));

        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(2));
        Assert.That(ApproveCalls(id), Is.EqualTo(2), "a 429 was not processed, so even a POST is re-sent");
        Assert.That(Sandbox.CallLog.Count(e => e.Matches("POST", $"/requests/{id}/approve") && e.StatusCode == 200), Is.EqualTo(1));
    }

    [Test]
    public async Task Rate_limit_waits_the_retry_after_on_the_client_clock()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).RateLimit(retryAfterSeconds: 1));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = CreateClient(timeProvider: clock);

        var call = client.GetRequestAsync(id);
        var advanced = TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        while (!call.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (Calls("GET", $"/requests/{id}") >= 1)
            {
                clock.Advance(TimeSpan.FromMilliseconds(50));
                advanced += TimeSpan.FromMilliseconds(50);
            }

            await Task.Delay(5);
        }

        Assert.That((await call).Id, Is.EqualTo(id));
        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(2));
        Assert.That(advanced, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "the retry waited for Retry-After");
        Assert.That(advanced, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Rate_limit_longer_than_the_allowed_wait_surfaces_with_its_retry_after()
    {
        AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").RateLimit(retryAfterSeconds: 30));
        using var client = ConnectClient.Create(Options(o => o.MaxRetryAfter = TimeSpan.FromSeconds(1)));

        var ex = await ThrowsConnectAsync(() => client.CountRequestsAsync());

        Assert.That(ex, Is.InstanceOf<ConnectRateLimitedException>());
        Assert.That(((ConnectRateLimitedException)ex).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(Sandbox.CallLog.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task Server_error_on_get_and_put_is_retried()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).ServerError(503));
        Sandbox.Faults.Add(FaultRule.For("PUT", "/requests/*").OnCall(1).ServerError(502));

        Assert.That((await Client.GetRequestAsync(id)).Id, Is.EqualTo(id));
        await Client.UpdateRequestParametersAsync(id, [ParameterUpdate.WithValue("subscription_id", "SUB-2")]);

        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(2));
        Assert.That(Calls("PUT", $"/requests/{id}"), Is.EqualTo(2));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-2"));
    }

    [Test]
    public async Task Persistent_server_error_on_get_gives_up_after_the_retries()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").ServerError(500));
        using var client = ConnectClient.Create(Options(o => o.MaxRetryAttempts = 2));

        var ex = await ThrowsConnectAsync(() => client.GetRequestAsync(id));

        Assert.That(ex.StatusCode, Is.EqualTo(500));
        Assert.That(ex.IsOutcomeUnknown, Is.True);
        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(3));
    }

    [Test]
    public async Task Server_error_on_approve_is_not_retried()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").ServerError(500));

        var ex = await ThrowsConnectAsync(() => Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId)));

        Assert.That(ex.StatusCode, Is.EqualTo(500));
        Assert.That(ex.IsOutcomeUnknown, Is.True);
        Assert.That(ApproveCalls(id), Is.EqualTo(1));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Dropped_connection_is_retried_on_get_and_not_on_approve()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").OnCall(1).DropConnection());
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").DropConnection());

        Assert.That((await Client.GetRequestAsync(id)).Id, Is.EqualTo(id));
        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(2));

        var ex = await ThrowsConnectAsync(() => Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId)));
        Assert.That(ex.StatusCode, Is.Zero);
        Assert.That(ex.IsOutcomeUnknown, Is.True);
        Assert.That(ex.Method, Is.EqualTo("POST"));
        Assert.That(ApproveCalls(id), Is.EqualTo(1));
    }

    [Test]
    public async Task Hang_past_the_client_timeout_is_retried_on_get_and_reported_as_no_answer_on_approve()
    {
        var id = AddPending();
        using var client = ConnectClient.Create(Options(o => o.Timeout = ShortTimeout));
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").ForNextCalls(1).Hang());
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").Hang());
        var watch = Stopwatch.StartNew();

        Assert.That((await client.GetRequestAsync(id)).Id, Is.EqualTo(id));
        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(2));

        var ex = await ThrowsConnectAsync(() => client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId)));
        Assert.That(ex.StatusCode, Is.Zero);
        Assert.That(ex.IsOutcomeUnknown, Is.True);
        Assert.That(ex.Message, Does.Contain("no answer"));
        Assert.That(ApproveCalls(id), Is.EqualTo(1));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "two short timeouts, no long waits");
    }

    [Test]
    public async Task Malformed_json_becomes_a_connect_exception()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests*").MalformedJson());

        var single = await ThrowsConnectAsync(() => Client.GetRequestAsync(id));
        Assert.That(single.StatusCode, Is.EqualTo(200));
        Assert.That(single.InnerException, Is.InstanceOf<JsonException>());
        Assert.That(single.Message, Does.Contain("not valid JSON"));

        // A broken body to a read is re-sent like a 5xx; the last answer is reported once the retries run out.
        var attempts = 1 + Options().MaxRetryAttempts;
        Assert.That(Calls("GET", $"/requests/{id}"), Is.EqualTo(attempts));

        var list = await ThrowsConnectAsync(async () => await ToListAsync(Client.ListRequestsAsync()));
        Assert.That(list.GetType(), Is.EqualTo(typeof(ConnectApiException)));
        Assert.That(Calls("GET", "/requests") - attempts, Is.EqualTo(attempts));
    }

    [Test]
    public async Task Truncated_body_becomes_a_connect_exception()
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").TruncatedBody());

        var ex = await ThrowsConnectAsync(() => Client.GetRequestAsync(id));

        Assert.That(ex, Is.Not.InstanceOf<ConnectNotFoundException>());
        Assert.That(ex.Message, Does.Contain("requests/" + id));
        Assert.That(ex.InnerException, Is.Not.Null);
    }

    [TestCase(false, 500)]
    [TestCase(true, 0)]
    public async Task Lost_approve_response_is_outcome_unknown_and_the_request_is_approved(bool abortConnection, int expectedStatus)
    {
        var id = AddPending();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).LoseResponse(abortConnection));

        var ex = await ThrowsConnectAsync(() => Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId)));

        Assert.That(ex.StatusCode, Is.EqualTo(expectedStatus));
        Assert.That(ex.IsOutcomeUnknown, Is.True);
        Assert.That(ApproveCalls(id), Is.EqualTo(1), "not re-sent");
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        Assert.That(Sandbox.CallLog.Where(e => e.Matches("POST", $"/requests/{id}/approve")).Single().StateChanged, Is.True);

        // Reconciling by re-reading shows the change was applied; approving again is a wrong-state answer.
        Assert.That((await Client.GetRequestAsync(id)).Status, Is.EqualTo(RequestStatus.Approved));
        AssertWrongState(await ThrowsConnectAsync(() => Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId))));
    }
}
