using System.Net;
using System.Text;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>Bodies that are too large, not JSON, or not shaped like a Connect request.</summary>
public sealed class RequestBodyTests
{
    private WebhookHost host = null!;
    private int calls;

    [SetUp]
    public async Task Start()
    {
        calls = 0;
        host = await WebhookHost.StartAsync(
            options: o => o.MaxBodyBytes = 8 * 1024,
            validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.CompletedTask;
            }));
    }

    [TearDown]
    public async Task Stop() => await host.DisposeAsync();

    [Test]
    public async Task Body_over_the_limit_is_answered_413()
    {
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        sent["note"] = new string('x', 9 * 1024);

        using var response = await host.ValidateAsync(sent.ToJsonString());

        Assert.That(await Responses.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE"), Does.Contain("8192 bytes"));
        Assert.That(calls, Is.Zero);
    }

    [Test]
    public async Task Chunked_body_over_the_limit_is_answered_413()
    {
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        sent["note"] = new string('x', 9 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookHost.ValidationPath)
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(sent.ToJsonString()))),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Tokens.Valid());
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Body_at_the_limit_is_read()
    {
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        var size = Encoding.UTF8.GetByteCount(sent.ToJsonString());
        sent["note"] = new string('x', 8 * 1024 - size);
        Assert.That(Encoding.UTF8.GetByteCount(sent.ToJsonString()), Is.EqualTo(8 * 1024));

        using var response = await host.ValidateAsync(sent.ToJsonString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("this is not json")]
    [TestCase("{\"id\": \"PR-1-1\",")]
    [TestCase("")]
    public async Task Non_JSON_is_answered_400_naming_the_problem(string body)
    {
        using var response = await host.ValidateAsync(body);

        Assert.That(await Responses.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_JSON"), Does.StartWith("The body is not valid JSON"));
        Assert.That(calls, Is.Zero);
    }

    [TestCase("[1, 2]", "must be a JSON object (a Connect request), not an array")]
    [TestCase("\"PR-1234\"", "not a string")]
    [TestCase("{\"status\": \"draft\", \"asset\": {}}", "no \"id\" shaped like a Connect id")]
    [TestCase("{\"id\": \"PR-1/../x\", \"status\": \"draft\", \"asset\": {}}", "no \"id\" shaped like a Connect id")]
    [TestCase("{\"id\": 42, \"status\": \"draft\", \"asset\": {}}", "no \"id\" shaped like a Connect id")]
    [TestCase("{\"id\": \"PR-1234-5678\", \"status\": \"draft\"}", "no \"asset\" object")]
    [TestCase("{\"id\": \"PR-1234-5678\", \"asset\": {}}", "no \"status\" text")]
    [TestCase("{\"id\": \"PR-1234-5678\", \"status\": \"draft\", \"asset\": {\"params\": {}}}", "\"asset.params\" that is not an array")]
    [TestCase("{\"id\": \"TCR-1234-5678\", \"status\": \"draft\", \"params\": 3}", "\"params\" that is not an array")]
    [TestCase("{\"id\": \"PR-1234-5678\", \"type\": \"purchase\", \"status\": \"draft\", \"asset\": {\"params\": [{\"id\": \"a\", \"constraints\": []}]}}", "$.asset.params[0].constraints")]
    [TestCase("{\"id\": \"PR-1234-5678\", \"id\": \"PR-1234-5679\", \"status\": \"draft\", \"asset\": {}}", "property name twice")]
    public async Task Wrong_shape_is_answered_400_naming_the_problem(string body, string problem)
    {
        using var response = await host.ValidateAsync(body);

        Assert.That(await Responses.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST"), Does.Contain(problem));
        Assert.That(calls, Is.Zero);
    }

    [Test]
    public async Task Get_is_not_mapped_for_validation()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WebhookHost.ValidationPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Tokens.Valid());

        using var response = await host.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    /// <summary>A stream without a length, so the client sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
