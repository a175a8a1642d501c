using Connect.Fulfillment.Tests.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Tests.DependencyInjection;

/// <summary>AddConnectFulfillment: options validated at start-up, keyed accounts, extra handlers, redacted HTTP logging.</summary>
public class RegistrationTests
{
    private static readonly string RequestJson = Fixtures.Read("request_purchase_pending.processor-template.json");

    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.ApiKey = null), "ApiKey").SetName("Missing key");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.ApiKey = "ApiKey "), "ApiKey").SetName("Prefix only key");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.ApiKey = "SU-1:abc\r\nX-Evil: 1"), "ApiKey").SetName("Key with control characters");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.ApiKey = "SU-1:ab\u00e7d"), "ApiKey").SetName("Key with non-ASCII characters");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Endpoint = new Uri("public/v1", UriKind.Relative)), "Endpoint").SetName("Relative endpoint");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Endpoint = null), "Endpoint").SetName("No endpoint");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Endpoint = new Uri("ftp://api.example.com/public/v1")), "Endpoint").SetName("Non-HTTP endpoint");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Endpoint = new Uri("https://api.example.com/public/v1?x=1")), "Endpoint").SetName("Endpoint with query");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Endpoint = new Uri("http://api.example.com/public/v1")), "AllowInsecureHttp").SetName("Plain http to a remote host");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.PageSize = 0), "PageSize").SetName("Page size 0");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.PageSize = 1001), "PageSize").SetName("Page size 1001");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.Timeout = TimeSpan.FromSeconds(-1)), "Timeout").SetName("Negative timeout");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.TotalTimeout = TimeSpan.Zero), "TotalTimeout").SetName("Zero total timeout");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.RetryBaseDelay = TimeSpan.FromSeconds(-1)), "RetryBaseDelay").SetName("Negative retry delay");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1)), "MaxRetryAfter").SetName("Negative max retry-after");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.MaxRetryAttempts = 11), "MaxRetryAttempts").SetName("Too many retries");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.UserAgent = "me\n"), "UserAgent").SetName("User agent with newline");
        yield return new TestCaseData((Action<ConnectClientOptions>)(o => o.MaxConversationMessageLength = 0), "MaxConversationMessageLength").SetName("Zero message length");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_fail_at_start_up_naming_the_setting(Action<ConnectClientOptions> spoil, string setting)
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o =>
        {
            o.ApiKey = ConnectServer.ApiKey;
            spoil(o);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("ConnectClientOptions." + setting).Or.Contain(setting));
            Assert.That(error.Message, Does.Not.Contain("0123456789abcdefSECRET"));
            Assert.That(() => provider.GetRequiredService<IConnectClient>(), Throws.InstanceOf<OptionsValidationException>());
        });
    }

    [Test]
    public void Valid_options_pass_including_loopback_http_and_explicitly_allowed_http()
    {
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o => o.ApiKey = ConnectServer.ApiKey);
        services.AddConnectFulfillment("local", o =>
        {
            o.ApiKey = ConnectServer.ApiKey;
            o.Endpoint = new Uri("http://localhost:8080/public/v1");
        });
        services.AddConnectFulfillment("lab", o =>
        {
            o.ApiKey = ConnectServer.ApiKey;
            o.Endpoint = new Uri("http://connect.lab.internal/public/v1");
            o.AllowInsecureHttp = true;
        });
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredKeyedService<IConnectClient>("local"), Is.InstanceOf<ConnectClient>());
    }

    [Test]
    public void Constructing_without_DI_validates_too()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectClient.Create(new ConnectClientOptions { ApiKey = "", PageSize = 0 }));

        Assert.That(error!.Message, Does.Contain("ConnectClientOptions.ApiKey").And.Contain("ConnectClientOptions.PageSize"));
    }

    [Test]
    public void Options_ToString_hides_the_key()
    {
        var options = new ConnectClientOptions { ApiKey = ConnectServer.ApiKey };

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain("SECRET").And.Not.Contain("SU-123"));
            Assert.That(options.ToString(), Does.Contain("ApiKey = ***").And.Contain("api.connect.cloudblue.com"));
            Assert.That(new ConnectClientOptions().ToString(), Does.Contain("ApiKey = (none)"));
        });
    }

    [Test]
    public async Task Two_accounts_in_one_host_get_two_clients_with_their_own_endpoint_and_key()
    {
        using var first = ConnectServer.Start();
        using var second = ConnectServer.Start();
        first.Given("GET", "requests/PR-1", body: RequestJson);
        second.Given("GET", "requests/PR-1", body: RequestJson);
        var services = new ServiceCollection();
        services.AddConnectFulfillment("eu", o =>
        {
            o.Endpoint = first.Endpoint;
            o.ApiKey = "SU-EU:one";
        });
        services.AddConnectFulfillment("us", o =>
        {
            o.Endpoint = second.Endpoint;
            o.ApiKey = "ApiKey SU-US:two";
        });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var eu = provider.GetRequiredKeyedService<IConnectClient>("eu");
        var us = provider.GetRequiredKeyedService<IConnectClient>("us");
        await eu.GetRequestAsync("PR-1");
        await us.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(eu, Is.Not.SameAs(us));
            Assert.That(eu, Is.SameAs(provider.GetRequiredKeyedService<IConnectClient>("eu")), "a singleton per account");
            Assert.That(ConnectServer.Header(first.Single(), "Authorization"), Is.EqualTo("ApiKey SU-EU:one"));
            Assert.That(ConnectServer.Header(second.Single(), "Authorization"), Is.EqualTo("ApiKey SU-US:two"));
            Assert.That(provider.GetService<IConnectClient>(), Is.Null, "no default account was registered");
        });
    }

    [Test]
    public async Task Default_registration_resolves_unkeyed_and_a_host_handler_sees_every_call()
    {
        using var server = ConnectServer.Start();
        server.Given("GET", "requests/PR-1", body: RequestJson);
        var seen = new List<string>();
        var services = new ServiceCollection();
        var builder = services.AddConnectFulfillment(o =>
        {
            o.Endpoint = server.Endpoint;
            o.ApiKey = ConnectServer.ApiKey;
        });
        builder.HttpClientBuilder.AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IConnectClient>();
        await client.GetRequestAsync("PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Name, Is.Empty);
            Assert.That(client, Is.SameAs(provider.GetRequiredKeyedService<IConnectClient>(string.Empty)));
            Assert.That(seen, Is.EqualTo(new[] { "GET " + server.Endpoint + "/requests/PR-1" }));
        });
    }

    [Test]
    public async Task Http_client_logging_at_trace_redacts_the_Authorization_header()
    {
        using var server = ConnectServer.Start();
        server.Given("GET", "requests/PR-1", 401, """{"error_code":"AUTH_001","errors":["API request is unauthorized."]}""");
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddConnectFulfillment(o =>
        {
            o.Endpoint = server.Endpoint;
            o.ApiKey = ConnectServer.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConnectClient>();

        var error = Assert.ThrowsAsync<ConnectUnauthorizedException>(() => client.GetRequestAsync("PR-1"));

        var records = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Message), Has.Some.Contains("Authorization: *"), "HttpClient header logging ran");
            Assert.That(records.Select(r => r.Category), Has.Some.Contains("Connect.Fulfillment"));
            foreach (var record in records)
            {
                Assert.That(record.ToString(), Does.Not.Contain("SECRET").And.Not.Contain("SU-123-456-789"), record.Category);
            }

            Assert.That(error!.ToString(), Does.Not.Contain("SECRET"));
        });
    }

    [Test]
    public async Task Di_client_retries_a_read_after_a_5xx_and_sends_a_transition_once()
    {
        using var server = ConnectServer.Start();
        server.GivenSequence("GET", "requests/PR-1",
            r => r.WithStatusCode(503),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));
        server.Given("POST", "requests/PR-1/pend", 503);
        var services = new ServiceCollection();
        services.AddConnectFulfillment(o =>
        {
            o.Endpoint = server.Endpoint;
            o.ApiKey = ConnectServer.ApiKey;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConnectClient>();

        await client.GetRequestAsync("PR-1");
        Assert.ThrowsAsync<ConnectApiException>(() => client.PendRequestAsync("PR-1"));

        Assert.That(server.Received.Select(e => e.RequestMessage.Method), Is.EqualTo(new[] { "GET", "GET", "POST" }));
    }

    [Test]
    public async Task Di_client_honours_Retry_After_on_the_registered_TimeProvider()
    {
        using var server = ConnectServer.Start();
        server.GivenSequence("GET", "requests/PR-1",
            r => r.WithStatusCode(429).WithHeader("Retry-After", "20"),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RequestJson));
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddConnectFulfillment(o =>
        {
            o.Endpoint = server.Endpoint;
            o.ApiKey = ConnectServer.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConnectClient>();

        var call = client.GetRequestAsync("PR-1");
        await server.WaitForCallsAsync(1);
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(20);
        Assert.Multiple(() =>
        {
            Assert.That(call.IsCompleted, Is.False);
            Assert.That(server.Received, Has.Count.EqualTo(1));
        });
        for (var i = 0; i < 100 && !call.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.That((await call).Id, Is.EqualTo("PR-8055-3268-5577-001"));
        Assert.That(server.Received, Has.Count.EqualTo(2));
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add($"{request.Method} {request.RequestUri}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
