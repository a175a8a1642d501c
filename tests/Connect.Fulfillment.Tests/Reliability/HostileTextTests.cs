using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Tests.Client;
using Connect.Fulfillment.Tests.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Text from the wire — Connect's error codes and messages, request types, handler and vendor reasons — can carry line
/// breaks, terminal escapes and bidirectional overrides. None of it may forge a line in an exception message, a log
/// message, a result or the run summary: it is escaped onto one printable line. Password-type values quoted in a fail
/// reason are masked before the reason is sent to Connect.
/// </summary>
public class HostileTextTests : PipelineTestBase
{
    private const string Forged = "\nPR-9999-9999-9999-999 purchase approved: forged\u001b[2J\u202E";
    private const string ApiKeySecret = "sandbox-secret-51be0c7a";
    private const string Password = "hunter2-Pa55w0rd-X";

    protected override ConnectSandboxOptions SandboxOptions => new() { ApiKey = "SU-555-555-555:" + ApiKeySecret };

    [Test]
    public void Escaping_keeps_printable_text_and_writes_line_breaks_and_control_characters_as_escapes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MessageText.OneLine("a\r\nb\t\u001b[31m\u0085\u2028\u2029\u202E\u200Bz"), Is.EqualTo("a\\r\\nb\\t\\u001B[31m\\u0085\\u2028\\u2029\\u202E\\u200Bz"));
            Assert.That(MessageText.OneLine("Résumé … 😀 \"ok\""), Is.EqualTo("Résumé … 😀 \"ok\""));
            Assert.That(MessageText.OneLine("lone \uD800 surrogate"), Is.EqualTo("lone \\uD800 surrogate"));
            var once = MessageText.OneLine(Forged);
            Assert.That(MessageText.OneLine(once), Is.SameAs(once), "escaping twice changes nothing more");
            Assert.That(MessageText.OneLine(null), Is.Empty);
        });
    }

    [Test]
    public void A_Connect_error_code_and_messages_with_line_breaks_and_escapes_give_a_one_line_message_and_log()
    {
        using var server = ConnectServer.Start();
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests/PR-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error_code":"REQ_005\n\u001b[31m","errors":["line one\nPR-2 approved\u001b[2J","\u202Eevil"]}"""));
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var client = server.Client(loggerFactory: factory);

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-1"));

        var texts = collector.GetSnapshot().Select(r => r.Message).Append(error!.Message).Append(error.ErrorCode!).Concat(error.Errors).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("REQ_005\\n\\u001B[31m: line one\\nPR-2 approved\\u001B[2J; \\u202Eevil"));
            Assert.That(texts, Has.None.Matches<string>(t => t.AsSpan().IndexOfAny('\n', '\r', '\u001b') >= 0 || t.Contains('\u202E', StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_hostile_type_and_reason_stay_on_one_line_in_results_logs_and_the_summary()
    {
        var hostileType = AddRequest("purchase" + Forged);
        var hostileReason = AddRequest("cancel");
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        var handlers = new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Skip("the vendor said" + Forged)));

        var summary = await CreatePipeline(handlers, o => o.ApproveTemplateId = TemplateId, factory).RunOnceAsync();

        var lines = summary.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var texts = provider.Collector.GetSnapshot().Select(r => r.Message).Concat(lines).Concat(summary.Results.SelectMany(r => new[] { r.RequestType, r.Reason ?? string.Empty })).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, hostileType).Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(ResultOf(summary, hostileType).RequestType, Does.StartWith("purchase\\nPR-9999"));
            Assert.That(ResultOf(summary, hostileReason).Reason, Is.EqualTo("the vendor said\\nPR-9999-9999-9999-999 purchase approved: forged\\u001B[2J\\u202E"));
            Assert.That(lines, Has.None.StartsWith("PR-9999"), "no forged summary line");
            Assert.That(texts, Has.None.Matches<string>(t => t.AsSpan().IndexOfAny('\n', '\r', '\u001b') >= 0 || t.Contains('\u202E', StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_fail_reason_quoting_a_password_value_or_the_Connect_key_is_masked_before_it_is_sent()
    {
        var id = AddRequest("purchase", configure: r => r.Parameter("password", phase: "ordering", value: Password, type: "password"));
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(context =>
            RequestOutcome.Fail($"vendor: login {context.Request.Asset!.Parameters.Single(p => p.Id == "password").Value} refused for key {ApiKeySecret}")));
        using var client = CreateClient(Sandbox.ApiKey);

        var summary = await CreatePipeline(handlers, o => o.ApproveTemplateId = TemplateId, client: client).RunOnceAsync();

        var sent = Sandbox.CallLog.Where(e => e.Method == "POST" && e.RelativePath.EndsWith("/fail", StringComparison.Ordinal)).Select(e => e.RequestBody ?? string.Empty).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(sent, Has.Count.EqualTo(1));
            Assert.That(sent[0], Does.Contain($"login {RequestSecrets.Mask} refused for key {RequestSecrets.Mask}"));
            Assert.That(sent[0], Does.Not.Contain(Password).And.Not.Contain(ApiKeySecret));
            Assert.That(ResultOf(summary, id).Reason, Does.Not.Contain(Password));
        });
    }

    private ConnectClient CreateClient(string apiKey) => ConnectClient.Create(new ConnectClientOptions
    {
        Endpoint = Sandbox.BaseUrl,
        ApiKey = apiKey,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    });
}
