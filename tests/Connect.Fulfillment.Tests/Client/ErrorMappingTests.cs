using System.Net;
using System.Text.Json;
using Connect.Fulfillment.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>HTTP status → exception type, error details, clear messages without the API key, unreadable answers.</summary>
public class ErrorMappingTests
{
    private const string Secret = "0123456789abcdefSECRET";

    private ConnectServer server = null!;
    private FakeLogCollector logs = null!;
    private ILoggerFactory loggerFactory = null!;
    private ConnectClient client = null!;

    [SetUp]
    public void SetUp()
    {
        server = ConnectServer.Start();
        logs = new FakeLogCollector();
        loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        client = server.Client(o => o.MaxRetryAttempts = 0, loggerFactory: loggerFactory);
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        loggerFactory.Dispose();
        server.Dispose();
    }

    [TestCase(400, "VAL_001", typeof(ConnectApiException))]
    [TestCase(401, "AUTH_001", typeof(ConnectUnauthorizedException))]
    [TestCase(403, "AUTH_002", typeof(ConnectUnauthorizedException))]
    [TestCase(404, "NFND_000", typeof(ConnectNotFoundException))]
    [TestCase(429, "RATE_001", typeof(ConnectRateLimitedException))]
    [TestCase(500, "SYS_001", typeof(ConnectApiException))]
    [TestCase(502, "SYS_002", typeof(ConnectApiException))]
    [TestCase(503, "SYS_003", typeof(ConnectApiException))]
    public void Status_maps_to_exception_with_details_and_no_key(int status, string code, Type expectedType)
    {
        server.Given("POST", "requests/PR-1/fail", status, $$"""{"error_code":"{{code}}","errors":["first problem","second problem"]}""");

        var error = Assert.ThrowsAsync(Is.InstanceOf<ConnectApiException>(), () => client.FailRequestAsync("PR-1", "reason")) as ConnectApiException;

        Assert.Multiple(() =>
        {
            Assert.That(error!.GetType(), Is.EqualTo(expectedType));
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.Errors, Is.EqualTo(new[] { "first problem", "second problem" }));
            Assert.That(error.Method, Is.EqualTo("POST"));
            Assert.That(error.Path, Is.EqualTo("requests/PR-1/fail"));
            Assert.That(error.IsOutcomeUnknown, Is.EqualTo(status >= 500));
            Assert.That(error.Message, Does.StartWith($"Connect POST requests/PR-1/fail answered {status} {code}: first problem; second problem."));
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
        AssertNoSecret(error!);
    }

    [Test]
    public void Unauthorized_message_points_at_the_key_without_showing_it()
    {
        server.Given("GET", "requests/PR-1", 401, """{"error_code":"AUTH_001","errors":["API request is unauthorized."]}""");

        var error = Assert.ThrowsAsync<ConnectUnauthorizedException>(() => client.GetRequestAsync("PR-1"));

        Assert.That(error!.Message, Is.EqualTo("Connect GET requests/PR-1 answered 401 AUTH_001: API request is unauthorized. Check the API key and its permissions."));
        AssertNoSecret(error);
    }

    [Test]
    public void Rate_limited_carries_retry_after()
    {
        server.Given("GET", "requests/PR-1", 429, """{"error_code":"RATE","errors":["Slow down."]}""", new Dictionary<string, string> { ["Retry-After"] = "7" });

        var error = Assert.ThrowsAsync<ConnectRateLimitedException>(() => client.GetRequestAsync("PR-1"));

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Not_found_on_get()
    {
        server.Given("GET", "assets/AS-404", 404, """{"error_code":"NFND","errors":["Not found."]}""");

        var error = Assert.ThrowsAsync<ConnectNotFoundException>(() => client.GetAssetAsync("AS-404"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(404));
            Assert.That(error.Path, Is.EqualTo("assets/AS-404"));
        });
    }

    [Test]
    public void Malformed_json_in_a_200_becomes_ConnectApiException_with_a_clear_message()
    {
        server.Given("GET", "requests/PR-1", 200, """{"id":"PR-1","asset":{"params":[{"id":""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(200));
            Assert.That(error.Message, Does.StartWith("Connect GET requests/PR-1 answered 200 with a body that is not valid JSON for FulfillmentRequest"));
            Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(server.Received, Has.Count.EqualTo(1), "retries are off in these tests (RetryTests covers the retry)");
        });
        AssertNoSecret(error!);
    }

    [Test]
    public void Json_null_or_wrong_shape_in_a_200_is_reported()
    {
        server.Given("GET", "requests/PR-1", 200, "null");
        server.Given("GET", "requests", 200, """{"not":"a list"}""");

        var single = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));
        var list = Assert.ThrowsAsync<ConnectApiException>(async () => await client.ListRequestsAsync().ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(single!.Message, Does.Contain("empty (null) FulfillmentRequest"));
            Assert.That(list!.Message, Does.Contain("not valid JSON"));
            Assert.That(server.Received, Has.Count.EqualTo(2), "valid JSON of the wrong shape is read once");
        });
    }

    [Test]
    public void Html_error_page_text_is_kept_in_errors()
    {
        const string Html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        server.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/public/v1/requests/PR-1/approve").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody(Html));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(502));
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.Errors, Is.EqualTo(new[] { Html }));
            Assert.That(error.Message, Does.Contain("502 Bad Gateway"));
        });
    }

    [Test]
    public void Json_error_body_that_is_not_Connect_shaped_is_kept_as_text()
    {
        server.Given("GET", "requests/PR-1", 400, """{"detail":"gateway says no"}""");

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.That(error!.Errors, Is.EqualTo(new[] { """{"detail":"gateway says no"}""" }));
    }

    [Test]
    public void Empty_error_body_gives_an_empty_error_list()
    {
        server.Given("GET", "requests/PR-1", 500);

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Errors, Is.Empty);
            Assert.That(error.Message, Is.EqualTo("Connect GET requests/PR-1 answered 500."));
        });
    }

    [Test]
    public void Connection_reset_on_a_transition_is_status_0_and_not_resent()
    {
        using var listener = new ResettingListener();
        using var retrying = ConnectClient.Create(server.Options(o =>
        {
            o.Endpoint = listener.Endpoint;
            o.MaxRetryAttempts = 3;
        }), loggerFactory);

        var error = Assert.ThrowsAsync<ConnectApiException>(() => retrying.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.Zero);
            Assert.That(error.IsOutcomeUnknown, Is.True);
            Assert.That(error.Message, Does.StartWith("Connect POST requests/PR-1/approve got no answer (connection failed"));
            Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(listener.Accepted, Is.EqualTo(1));
        });
        AssertNoSecret(error!);
    }

    [Test]
    public void Garbage_body_after_a_200_is_reported_clearly()
    {
        server.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/public/v1/requests/PR-1/approve").UsingPost())
            .RespondWith(Response.Create().WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.ApproveRequestAsync("PR-1", ApproveRequest.WithTemplate("TL-1")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Connect POST requests/PR-1/approve answered 200 with a body that is not valid JSON"));
            Assert.That(error.IsOutcomeUnknown, Is.True, "a 200 was applied even though its body could not be read");
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_body_that_stalls_fails_after_the_attempt_timeout_instead_of_hanging()
    {
        var time = new FakeTimeProvider();
        var stream = new StallingStream();
        using var handler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });
        using var stalled = ConnectClient.Create(server.Options(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.MaxRetryAttempts = 0;
        }), loggerFactory, time, handler);

        var call = stalled.GetRequestAsync("PR-1");
        await stream.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(31));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => call);
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.Zero);
            Assert.That(error.Message, Is.EqualTo("Connect GET requests/PR-1 got no answer (timed out)."));
        });
    }

    [Test]
    public async Task With_a_caller_supplied_HttpClient_a_stalled_body_still_times_out()
    {
        var time = new FakeTimeProvider();
        var stream = new StallingStream();
        using var handler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });
        using var http = new HttpClient(handler);
        var own = new ConnectClient(http, server.Options(o => o.Timeout = TimeSpan.FromSeconds(30)), null, time);

        var call = own.GetRequestAsync("PR-1");
        await stream.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(31));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => call);
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(200));
            Assert.That(error.Message, Does.Contain("not read to the end within the timeout"));
        });
    }

    private void AssertNoSecret(Exception error)
    {
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Not.Contain(Secret));
            Assert.That(error.ToString(), Does.Not.Contain(Secret));
            Assert.That(error.ToString(), Does.Not.Contain("SU-123-456-789"));
            foreach (var record in logs.GetSnapshot())
            {
                Assert.That(record.Message, Does.Not.Contain(Secret));
                Assert.That(record.ToString(), Does.Not.Contain(Secret));
                Assert.That(record.Exception?.ToString() ?? string.Empty, Does.Not.Contain(Secret));
            }
        });
        Assert.That(logs.GetSnapshot(), Is.Not.Empty, "the client should have logged the call");
    }

    private sealed class StubHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(respond());
    }

    /// <summary>A body that never delivers a byte until its read is cancelled.</summary>
    private sealed class StallingStream : Stream
    {
        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
