using System.Net;
using Connect.Fulfillment.Models;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>
/// Retry rules: 429 honouring Retry-After for any method; 5xx, timeouts and lost connections retried only for reads and
/// the parameter PUT; state-changing POSTs sent once. No test waits on wall-clock seconds.
/// </summary>
public class RetryTests
{
    private static readonly string RequestJson = Fixtures.Read("request_purchase_pending.processor-template.json");

    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    [Test]
    public async Task Get_429_waits_for_Retry_After_on_the_clock_then_retries()
    {
        var time = new FakeTimeProvider();
        using var client = server.Client(timeProvider: time);
        server.GivenSequence("GET", "requests/PR-1",
            r => r.WithStatusCode(429).WithHeader("Retry-After", "5"),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        var call = client.GetRequestAsync("PR-1");

        await AssertRetriedOnlyAfterAsync(call, time, TimeSpan.FromSeconds(5));
        Assert.That((await call).Id, Is.EqualTo("PR-8055-3268-5577-001"));
    }

    [Test]
    public async Task Approve_429_is_retried_too_because_it_was_not_processed()
    {
        var time = new FakeTimeProvider();
        using var client = server.Client(timeProvider: time);
        server.GivenSequence("POST", "requests/PR-1/approve",
            r => r.WithStatusCode(429).WithHeader("Retry-After", "3"),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        var call = client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1"));

        await AssertRetriedOnlyAfterAsync(call, time, TimeSpan.FromSeconds(3));
        await call;
        Assert.That(server.Received.Select(ConnectServer.Body), Is.All.EqualTo("""{"template_id":"TL-1"}"""));
    }

    [Test]
    public void Retry_After_longer_than_MaxRetryAfter_fails_at_once_with_the_wait()
    {
        using var client = server.Client(o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));
        server.Given("GET", "requests/PR-1", 429, headers: new Dictionary<string, string> { ["Retry-After"] = "120" });

        var error = Assert.ThrowsAsync<ConnectRateLimitedException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(error.StatusCode, Is.EqualTo(429));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_5xx_is_retried_with_backoff()
    {
        using var client = server.Client();
        server.GivenSequence("GET", "requests/PR-1",
            r => r.WithStatusCode(503),
            r => r.WithStatusCode(500),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        var request = await client.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(server.Received, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Parameter_put_5xx_is_retried_with_the_same_body()
    {
        using var client = server.Client();
        server.GivenSequence("PUT", "requests/PR-1",
            r => r.WithStatusCode(502),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        await client.UpdateRequestParametersAsync("PR-1", [ParameterUpdate.WithValue("param_a", "1")]);

        Assert.That(server.Received.Select(ConnectServer.Body), Is.EqualTo(new[]
        {
            """{"asset":{"params":[{"id":"param_a","value":"1","value_error":""}]}}""",
            """{"asset":{"params":[{"id":"param_a","value":"1","value_error":""}]}}""",
        }));
    }

    [TestCase("approve")]
    [TestCase("fail")]
    [TestCase("inquire")]
    [TestCase("pend")]
    [TestCase("schedule")]
    public void Transition_5xx_is_sent_exactly_once(string action)
    {
        using var client = server.Client();
        server.Given("POST", "requests/PR-1/" + action, 500, """{"error_code":"SYS_001","errors":["boom"]}""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => action switch
        {
            "approve" => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")),
            "fail" => client.FailRequestAsync("PR-1", "no"),
            "inquire" => client.InquireRequestAsync("PR-1"),
            "pend" => client.PendRequestAsync("PR-1"),
            _ => client.ScheduleRequestAsync("PR-1", DateTimeOffset.UnixEpoch),
        });

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(500));
            Assert.That(error.IsOutcomeUnknown, Is.True);
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Tier_transition_5xx_is_sent_exactly_once()
    {
        using var client = server.Client();
        server.Given("POST", "tier/config-requests/TCR-1/approve", 503);

        Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveTierConfigRequestAsync("TCR-1", "TL-1"));

        Assert.That(server.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Get_lost_connection_is_retried()
    {
        var flaky = new FailFirstHandler(new SocketsHttpHandler());
        using var client = ConnectClient.Create(server.Options(), primaryHandler: flaky);
        server.Given("GET", "requests/PR-1", body: RequestJson);

        var request = await client.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(flaky.Calls, Is.EqualTo(2));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Get_connection_reset_is_retried_then_reported_as_status_0()
    {
        using var listener = new ResettingListener();
        using var client = ConnectClient.Create(server.Options(o =>
        {
            o.Endpoint = listener.Endpoint;
            o.MaxRetryAttempts = 2;
        }));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.Zero);
            Assert.That(listener.Accepted, Is.EqualTo(3), "one call and two retries");
        });
    }

    [Test]
    public async Task Attempt_timeout_is_reported_as_status_0()
    {
        var time = new FakeTimeProvider();
        using var client = server.Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.MaxRetryAttempts = 0;
        }, timeProvider: time);
        server.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/public/v1/requests/PR-1").UsingGet())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(2)).WithBody(RequestJson));

        var call = client.GetRequestAsync("PR-1");
        for (var i = 0; i < 200 && !call.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(11));
            await Task.Delay(5);
        }

        var error = Assert.ThrowsAsync<ConnectApiException>(() => call);
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.Zero);
            Assert.That(error.Message, Is.EqualTo("Connect GET requests/PR-1 got no answer (timed out)."));
        });
    }

    [Test]
    public void Cancelled_token_throws_OperationCanceledException_unwrapped()
    {
        using var client = server.Client();
        server.Given("GET", "requests/PR-1", body: RequestJson);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Multiple(() =>
        {
            Assert.That(() => client.GetRequestAsync("PR-1", cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1"), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await client.ListRequestsAsync(cancellationToken: cancelled.Token).ToListAsync(), Throws.InstanceOf<OperationCanceledException>());
        });
    }

    [Test]
    public async Task Cancelling_while_waiting_for_Retry_After_throws_OperationCanceledException()
    {
        var time = new FakeTimeProvider();
        using var client = server.Client(timeProvider: time);
        server.Given("GET", "requests/PR-1", 429, headers: new Dictionary<string, string> { ["Retry-After"] = "30" });
        using var cancellation = new CancellationTokenSource();

        var call = client.GetRequestAsync("PR-1", cancellation.Token);
        await server.WaitForCallsAsync(1);
        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>().And.Not.InstanceOf<ConnectApiException>());
    }

    [Test]
    public async Task Get_answered_200_with_malformed_json_is_retried_then_succeeds()
    {
        using var client = server.Client();
        server.GivenSequence("GET", "requests/PR-1",
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson[..(RequestJson.Length / 2)]),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        var request = await client.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(server.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task List_page_answered_200_with_malformed_json_is_retried_then_read()
    {
        using var client = server.Client();
        server.GivenSequence("GET", "requests",
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("[" + RequestJson + ",{\"id\":"),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("[" + RequestJson + "]"));

        var page = await client.GetRequestsPageAsync(null, 0, 10);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { "PR-8055-3268-5577-001" }));
            Assert.That(server.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Get_always_answered_with_malformed_json_fails_after_the_retries_with_the_same_message()
    {
        using var client = server.Client();
        server.Given("GET", "requests/PR-1", 200, """{"id":"PR-1","asset":{"params":[{"id":""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(200));
            Assert.That(error.Message, Does.StartWith("Connect GET requests/PR-1 answered 200 with a body that is not valid JSON for FulfillmentRequest"));
            Assert.That(error.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
            Assert.That(server.Received, Has.Count.EqualTo(1 + server.Options().MaxRetryAttempts));
        });
    }

    [Test]
    public void Approve_answered_200_with_malformed_json_is_sent_exactly_once()
    {
        using var client = server.Client();
        server.Given("POST", "requests/PR-1/approve", 200, """{"id":"PR-1","status":""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect POST requests/PR-1/approve answered 200 with a body that is not valid JSON"));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Get_answered_200_with_valid_json_of_the_wrong_shape_is_sent_once()
    {
        using var client = server.Client();
        server.Given("GET", "requests/PR-1", 200, """{"id":"PR-1","asset":[1,2,3]}""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect GET requests/PR-1 answered 200 with a body that is not valid JSON for FulfillmentRequest"));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_answered_200_with_a_byte_order_mark_is_read_once()
    {
        using var client = server.Client();
        server.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(ConnectServer.BasePath + "/requests/PR-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody([.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(RequestJson)]));

        var request = await client.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    /// <summary>Asserts the second attempt is not sent before <paramref name="wait"/> has passed on the fake clock, then lets it through.</summary>
    private async Task AssertRetriedOnlyAfterAsync(Task call, FakeTimeProvider time, TimeSpan wait)
    {
        await server.WaitForCallsAsync(1);
        var step = TimeSpan.FromMilliseconds(500);
        var advanced = TimeSpan.Zero;
        while (advanced + step < wait)
        {
            time.Advance(step);
            advanced += step;
            await Task.Delay(5);
            Assert.That(server.Received, Has.Count.EqualTo(1), $"retried after only {advanced} of {wait}");
            Assert.That(call.IsCompleted, Is.False);
        }

        // The retry timer may have been armed a little after the first answer was logged: keep the clock moving.
        for (var i = 0; i < 100 && server.Received.Count < 2; i++)
        {
            time.Advance(step);
            await Task.Delay(5);
        }

        await server.WaitForCallsAsync(2);
    }

    private sealed class FailFirstHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int calls;

        public int Calls => calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Interlocked.Increment(ref calls) == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer", statusCode: null)
                : base.SendAsync(request, cancellationToken);
    }
}
