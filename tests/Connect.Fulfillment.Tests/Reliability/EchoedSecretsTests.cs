using System.Text;
using Connect.Fulfillment.Client.Internal;
using Connect.Fulfillment.Tests.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// A hostile or careless Connect (or a proxy in front of it) that echoes the client's <c>Authorization</c> header in an
/// error page or an error body: the key never reaches an exception, its details or a log line, in any of the forms it
/// may come back in; and the client never sends its own key in a fail reason or a conversation message.
/// </summary>
public class EchoedSecretsTests
{
    private const string Token = "0123456789abcdefSECRET";
    private const string Key = ConnectServer.ApiKey;

    private static readonly string Base64Key = Convert.ToBase64String(Encoding.UTF8.GetBytes(Key));
    private static readonly string[] Forms = [Token, Base64Key];

    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    public static IEnumerable<TestCaseData> Echoes()
    {
        yield return new TestCaseData(500, "text/html", $"<html><body><h1>500</h1><pre>Authorization: ApiKey {Key}\nHost: api.connect.example</pre></body></html>").SetName("A 500 HTML page echoing the header");
        yield return new TestCaseData(401, "application/json", $$"""{"error_code":"AUTH_001","errors":["Invalid API key 'ApiKey {{Key}}'."]}""").SetName("A 401 body echoing the header");
        yield return new TestCaseData(403, "application/json", $$$"""{"error_code":"AUTH_{{{Token}}}","errors":["token {{{Token}}} may not do this"],"params":{"authorization":"ApiKey {{{Key}}}"}}""").SetName("A 403 echoing the token in the code, the errors and the params");
        yield return new TestCaseData(400, "text/plain", $"bad key {Uri.EscapeDataString(Key)} / Basic {Base64Key}").SetName("A 400 echoing the key URL-encoded and base64");
    }

    [TestCaseSource(nameof(Echoes))]
    public async Task An_error_answer_echoing_the_key_never_shows_it_in_the_exception_or_the_logs(int status, string contentType, string body)
    {
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests/PR-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var client = server.Client(loggerFactory: factory);

        var error = Assert.ThrowsAsync(Is.InstanceOf<ConnectApiException>(), () => client.GetRequestAsync("PR-1")) as ConnectApiException;

        var texts = new List<string> { error!.ToString(), error.Message, error.ErrorCode ?? string.Empty, string.Join("|", error.Errors), error.ErrorParameters?.GetRawText() ?? string.Empty };
        foreach (var record in collector.GetSnapshot())
        {
            texts.Add(record.Message);
            texts.AddRange(record.StructuredState?.Select(p => p.Value ?? string.Empty) ?? []);
        }

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(error.Message, Does.Contain(SecretText.Mask), "the echo reached the message, masked");
            Assert.That(collector.GetSnapshot().Select(r => r.Message), Has.Some.Contains(SecretText.Mask), "the echo reached the log, masked");
            Assert.That(texts.Where(t => Forms.Any(f => t.Contains(f, StringComparison.Ordinal))), Is.Empty);
        });
    }

    [Test]
    public async Task The_client_never_sends_its_own_key_in_a_fail_reason_or_a_conversation_message()
    {
        server.Given("POST", "requests/PR-1/fail", body: """{"id":"PR-1","type":"purchase","status":"failed"}""");
        server.Given("POST", "conversations/CO-1/messages", body: """{"id":"ME-1","text":"x"}""");
        using var client = server.Client();

        await client.FailRequestAsync("PR-1", $"the vendor refused ApiKey {Key}");
        await client.AddConversationMessageAsync("CO-1", $"we tried with {Token}");

        var bodies = server.Received.Select(ConnectServer.Body).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Count.EqualTo(2));
            Assert.That(bodies, Has.All.Contains(SecretText.Mask));
            Assert.That(bodies, Has.None.Contains(Token));
        });
    }

    [Test]
    public void The_key_is_masked_in_every_form_it_may_come_back_in()
    {
        var secrets = SecretText.ForApiKey("  ApiKey " + Key + " ");

        Assert.Multiple(() =>
        {
            Assert.That(secrets.Apply($"h: ApiKey {Key}."), Is.EqualTo("h: ***."));
            Assert.That(secrets.Apply($"k={Key}"), Is.EqualTo("k=***"));
            Assert.That(secrets.Apply($"t={Token}"), Is.EqualTo("t=***"));
            Assert.That(secrets.Apply($"u={Uri.EscapeDataString(Key)}"), Is.EqualTo("u=***"));
            Assert.That(secrets.Apply($"b={Base64Key}"), Is.EqualTo("b=***"));
            Assert.That(secrets.Apply("nothing here"), Is.SameAs("nothing here"));
            Assert.That(SecretText.ForApiKey("SU-1:ab").Apply("SU-1 and ab stay"), Is.EqualTo("SU-1 and ab stay"), "a short token alone is not masked");
            Assert.That(SecretText.ForApiKey("SU-1:ab").Apply("key SU-1:ab"), Is.EqualTo("key ***"));
            Assert.That(SecretText.ForApiKey(null).IsEmpty, Is.True);
        });
    }
}
