using Microsoft.Extensions.Logging;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>A WireMock server standing in for Connect, plus helpers to build clients against it and read what it received.</summary>
internal sealed class ConnectServer : IDisposable
{
    public const string ApiKey = "SU-123-456-789:0123456789abcdefSECRET";
    public const string BasePath = "/public/v1";

    private ConnectServer(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri Endpoint => new(Server.Url + BasePath);

    public static ConnectServer Start() => new(WireMockServer.Start());

    public ConnectClientOptions Options(Action<ConnectClientOptions>? configure = null)
    {
        var options = new ConnectClientOptions
        {
            Endpoint = Endpoint,
            ApiKey = ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    public ConnectClient Client(Action<ConnectClientOptions>? configure = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        => ConnectClient.Create(Options(configure), loggerFactory, timeProvider);

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (relative to the endpoint) with a status and body.</summary>
    public void Given(string method, string path, int status = 200, string? body = null, IDictionary<string, string>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().WithPath(BasePath + "/" + path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>Answers a sequence of responses to the same call, one per attempt; the last one repeats.</summary>
    public void GivenSequence(string method, string path, params Func<IResponseBuilder, IResponseBuilder>[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = Server.Given(Request.Create().WithPath(BasePath + "/" + path).UsingMethod(method)).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs("step" + i);
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo("step" + (i + 1));
            }

            mapping.RespondWith(responses[i](Response.Create()));
        }
    }

    public IReadOnlyList<ILogEntry> Received => Server.LogEntries.ToList();

    public ILogEntry Single()
    {
        var received = Received;
        Assert.That(received, Has.Count.EqualTo(1), "Connect should have received exactly one call.");
        return received[0];
    }

    /// <summary>Waits (briefly, polling) until the server logged at least <paramref name="count"/> calls.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        for (var i = 0; i < 1000 && Server.LogEntries.Count() < count; i++)
        {
            await Task.Delay(5);
        }

        Assert.That(Server.LogEntries.Count(), Is.GreaterThanOrEqualTo(count), "Connect did not receive the expected calls in time.");
    }

    public static string Header(ILogEntry entry, string name)
    {
        var headers = entry.RequestMessage.Headers ?? throw new AssertionException("No headers were received.");
        var match = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return match.Value is null ? throw new AssertionException($"Header {name} was not received.") : string.Join(",", match.Value);
    }

    /// <summary>The received body text, exactly as sent.</summary>
    public static string Body(ILogEntry entry)
        => entry.RequestMessage.Body ?? throw new AssertionException("No body was received.");

    /// <summary>Asserts that a call carried no body and no content type, as the spec has it for bodiless actions.</summary>
    public static void AssertNoBody(ILogEntry entry)
    {
        var headers = entry.RequestMessage.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>();
        Assert.Multiple(() =>
        {
            Assert.That(entry.RequestMessage.Body, Is.Null.Or.Empty, "no body");
            Assert.That(headers.Keys, Has.None.EqualTo("Content-Type").IgnoreCase, "no content type");
            var length = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
            Assert.That(length is null || string.Join(",", length) == "0", Is.True, "no content length beyond 0");
        });
    }

    /// <summary>Asserts the headers every call carries: the API key with its prefix, the library's User-Agent and JSON Accept.</summary>
    public static void AssertStandardHeaders(ILogEntry entry, string expectedAuthorization = "ApiKey " + ApiKey)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Header(entry, "Authorization"), Is.EqualTo(expectedAuthorization));
            Assert.That(Header(entry, "User-Agent"), Does.StartWith("connect-fulfillment-dotnet/"));
            Assert.That(Header(entry, "Accept"), Is.EqualTo("application/json"));
        });
    }

    public void Dispose() => Server.Stop();
}
