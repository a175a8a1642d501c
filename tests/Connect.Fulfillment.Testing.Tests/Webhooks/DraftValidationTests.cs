using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Testing.Tests.Webhooks;

/// <summary>The sandbox as Connect with Dynamic Validation: drafts sent to the validation webhook, answers applied.</summary>
public sealed class DraftValidationTests : SandboxTestBase
{
    private const string Product = "PRD-555-000-001";

    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiver()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.OnValidation = call => Reply.Ok(DomainValidator(call.Body));
        Sandbox.Webhooks.EventRetryDelay = TimeSpan.FromMilliseconds(10);
        Sandbox.Products.Add(Product, p => p
            .ValidationWebhook(_receiver.ValidationUrl, WebhookReceiver.Secret)
            .EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));
    }

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    /// <summary>A validator like a vendor's: <c>customer_domain</c> needs a dot; a good value clears the error.</summary>
    internal static string DomainValidator(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        foreach (var p in request["asset"]!["params"]!.AsArray())
        {
            if ((string?)p!["id"] == "customer_domain")
            {
                p["value_error"] = ((string?)p["value"])!.Contains('.', StringComparison.Ordinal) ? string.Empty : "Enter a domain such as example.com.";
            }
        }

        return request.ToJsonString();
    }

    private Task<SandboxDraftResult> AddDraftAsync(string domain, string product = Product) =>
        Sandbox.Requests.AddDraftAsync(r => r.Product(product).Parameter("customer_domain", phase: "ordering", value: domain)
            .Parameter("subscription_id", phase: "fulfillment"));

    [Test]
    public async Task The_draft_is_posted_as_GET_would_answer_it_with_a_token_signed_by_the_secret()
    {
        var result = await AddDraftAsync("example.com");

        var call = _receiver.Validations.Single();
        var posted = JsonNode.Parse(call.Body)!.AsObject();
        var (status, stored, _) = await GetAsync($"requests/{result.RequestId}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(call.ContentType, Does.StartWith("application/json"));
            Assert.That((string?)posted["id"], Is.EqualTo(result.RequestId));
            Assert.That((string?)posted["status"], Is.EqualTo("draft"));
            Assert.That((string?)posted["type"], Is.EqualTo("purchase"));
            Assert.That((string?)posted["asset"]!["product"]!["id"], Is.EqualTo(Product));

            // As in Connect's draft purchases, the asset is a draft too until the request is pending.
            Assert.That((string?)posted["asset"]!["status"], Is.EqualTo("draft"));
            Assert.That((string?)stored!["asset"]!["status"], Is.EqualTo("processing"));

            // Same document as the API's, apart from what passing validation changed.
            stored["status"] = "draft";
            stored["asset"]!["status"] = "draft";
            Assert.That(JsonNode.DeepEquals(posted["asset"], stored["asset"]), Is.True);
            Assert.That(posted.Select(p => p.Key), Is.EquivalentTo(stored.AsObject().Select(p => p.Key)));
        });

        var valid = await WebhookReceiver.ValidateAsync(call.Authorization);
        var forged = await WebhookReceiver.ValidateAsync(call.Authorization, "another-secret-of-at-least-32-bytes-long!");
        Assert.Multiple(() =>
        {
            Assert.That(valid.IsValid, Is.True, valid.Exception?.Message);
            Assert.That(forged.IsValid, Is.False);
            var token = (Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)valid.SecurityToken;
            Assert.That(token.Alg, Is.EqualTo("HS256"));
            Assert.That(token.ValidTo - token.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(token.ValidFrom, Is.EqualTo(token.IssuedAt));
        });
    }

    [Test]
    public async Task A_draft_without_errors_becomes_pending_and_is_announced()
    {
        var result = await AddDraftAsync("example.com");
        await Sandbox.Webhooks.WhenDeliveredAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("pending"));
            Assert.That(result.IsPending, Is.True);
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.WebhookStatusCode, Is.EqualTo(200));
            Assert.That(result.Problem, Is.Null);
            Assert.That(Sandbox.GetRequestStatus(result.RequestId), Is.EqualTo("pending"));
            Assert.That(_receiver.Events.Select(e => JsonNode.Parse(e.Body)!["request_id"]!.GetValue<string>()), Is.EqualTo(new[] { result.RequestId }));
            Assert.That(Sandbox.Webhooks.Deliveries.Select(d => d.Kind), Is.EquivalentTo(new[] { "validation", "events" }));
        });
    }

    [Test]
    public async Task A_draft_with_an_error_stays_a_draft_carrying_it_and_is_not_announced()
    {
        var result = await AddDraftAsync("not-a-domain");
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var stored = Sandbox.GetRequest(result.RequestId)!;
        var parameter = stored["asset"]!["params"]!.AsArray().Single(p => (string?)p!["id"] == "customer_domain")!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("draft"));
            Assert.That(result.Errors, Is.EqualTo(new Dictionary<string, string> { ["customer_domain"] = "Enter a domain such as example.com." }));
            Assert.That(result.Problem, Is.Null);
            Assert.That((string?)stored["status"], Is.EqualTo("draft"));
            Assert.That((string?)stored["asset"]!["status"], Is.EqualTo("draft"));
            Assert.That((string?)parameter["value_error"], Is.EqualTo("Enter a domain such as example.com."));
            Assert.That(_receiver.Events, Is.Empty);
        });
    }

    [Test]
    public async Task Fixing_the_value_validates_again_and_the_draft_becomes_pending()
    {
        var draft = await AddDraftAsync("not-a-domain");
        Assert.That(draft.Status, Is.EqualTo("draft"));

        var fixedResult = await Sandbox.Requests.UpdateDraftAsync(draft.RequestId, "customer_domain", "example.org");
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var second = JsonNode.Parse(_receiver.Validations[1].Body)!;
        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Validations, Has.Count.EqualTo(2));
            Assert.That((string?)second["asset"]!["params"]![0]!["value"], Is.EqualTo("example.org"));
            Assert.That((string?)second["asset"]!["params"]![0]!["value_error"], Is.Not.Empty, "the old error goes along, for the validator to clear");
            Assert.That(fixedResult.Status, Is.EqualTo("pending"));
            Assert.That(fixedResult.Errors, Is.Empty);
            Assert.That(Sandbox.GetRequestParameterValue(draft.RequestId, "customer_domain"), Is.EqualTo("example.org"));
            Assert.That(_receiver.Events, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_value_the_validator_changed_is_copied_into_the_draft()
    {
        _receiver.OnValidation = call =>
        {
            var request = JsonNode.Parse(call.Body)!;
            request["asset"]!["params"]![0]!["value"] = "example.com";
            request["asset"]!["params"]![1]!["value"] = "not copied: only ordering parameters are the customer's";
            return Reply.Ok(request.ToJsonString());
        };

        var result = await AddDraftAsync("EXAMPLE.COM");

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("pending"));
            Assert.That(Sandbox.GetRequestParameterValue(result.RequestId, "customer_domain"), Is.EqualTo("example.com"));
            Assert.That(Sandbox.GetRequestParameterValue(result.RequestId, "subscription_id"), Is.Empty);
        });
    }

    [TestCase(500, "{\"error_code\":\"VALIDATION_FAILED\"}", "answered 500")]
    [TestCase(401, "", "answered 401")]
    [TestCase(200, "<html>not json</html>", "not JSON")]
    [TestCase(200, "{\"id\":\"PR-1\"}", "asset.params")]
    [TestCase(200, "[1,2]", "asset.params")]
    public async Task A_failing_or_unreadable_answer_leaves_the_draft_as_it_was(int status, string body, string problem)
    {
        _receiver.OnValidation = _ => new Reply(status, body);

        var result = await AddDraftAsync("example.com");
        await Sandbox.Webhooks.WhenDeliveredAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("draft"));
            Assert.That(result.WebhookStatusCode, Is.EqualTo(status));
            Assert.That(result.Problem, Does.Contain(problem));
            Assert.That(result.Errors, Is.Empty);
            Assert.That(Sandbox.GetRequestStatus(result.RequestId), Is.EqualTo("draft"));
            Assert.That(_receiver.Events, Is.Empty);
            Assert.That(Sandbox.Webhooks.Deliveries.Single().Succeeded, Is.False);
        });
    }

    [Test]
    public async Task A_webhook_that_is_down_leaves_the_draft_as_it_was()
    {
        var url = _receiver.ValidationUrl;
        await _receiver.DisposeAsync();
        Sandbox.Products.Add("PRD-555-000-002", p => p.ValidationWebhook(url, WebhookReceiver.Secret));

        var result = await AddDraftAsync("example.com", "PRD-555-000-002");

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("draft"));
            Assert.That(result.WebhookStatusCode, Is.Null);
            Assert.That(result.Problem, Does.StartWith("The webhook could not be reached"));
        });
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Test]
    public async Task A_webhook_slower_than_the_timeout_leaves_the_draft_as_it_was()
    {
        Sandbox.Webhooks.Timeout = TimeSpan.FromMilliseconds(200);
        _receiver.OnValidation = call => new Reply(200, call.Body, TimeSpan.FromSeconds(30));

        var started = DateTime.UtcNow;
        var result = await AddDraftAsync("example.com");

        Assert.Multiple(() =>
        {
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(20)));
            Assert.That(result.Status, Is.EqualTo("draft"));
            Assert.That(result.WebhookStatusCode, Is.Null);
            Assert.That(result.Problem, Is.EqualTo("The webhook did not answer within 0.2 s."));
        });
    }

    [Test]
    public async Task Without_a_validation_webhook_the_draft_becomes_pending_directly()
    {
        Sandbox.Products.Add("PRD-555-000-003", p => p.EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));

        var result = await AddDraftAsync("anything", "PRD-555-000-003");
        await Sandbox.Webhooks.WhenDeliveredAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("pending"));
            Assert.That(result.WebhookStatusCode, Is.Null);
            Assert.That(result.Problem, Is.Null);
            Assert.That(_receiver.Validations, Is.Empty);
            Assert.That(_receiver.Events, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task The_secret_and_the_token_appear_in_no_answer_log_or_delivery()
    {
        var result = await AddDraftAsync("example.com");
        await Sandbox.Webhooks.WhenDeliveredAsync();
        var token = _receiver.Validations[0].Authorization!["Bearer ".Length..];

        var answers = new List<string>();
        foreach (var path in new[] { $"products/{Product}", "products", $"requests/{result.RequestId}", "requests" })
        {
            var (status, body, _) = await GetAsync(path);
            answers.Add($"{status} {body?.ToJsonString()}");
        }

        var everything = string.Join('\n', answers
            .Concat(Sandbox.CallLog.Entries.Select(e => $"{e.Path} {e.RequestBody} {string.Join(',', e.Headers.Values)}"))
            .Concat(Sandbox.Webhooks.Deliveries.Select(d => $"{d} {d.Problem} {d.Url}"))
            .Append(result.ToString())
            .Append(Sandbox.GetRequest(result.RequestId)!.ToJsonString()));
        Assert.Multiple(() =>
        {
            Assert.That(answers[0], Does.StartWith("200 ").And.Contain(Product));
            Assert.That(everything, Does.Not.Contain(WebhookReceiver.Secret));
            Assert.That(everything, Does.Not.Contain(token));
            Assert.That(everything, Does.Not.Contain("eyJ"), "no JWT at all");
        });
    }

    [Test]
    public async Task Token_times_come_from_the_sandbox_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { TimeProvider = clock });
        sandbox.Products.Add(Product, p => p.ValidationWebhook(_receiver.ValidationUrl, WebhookReceiver.Secret));

        var result = await sandbox.Requests.AddDraftAsync(r => r.Product(Product));

        var token = await WebhookReceiver.ValidateAsync(_receiver.Validations.Single().Authorization, now: clock.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("pending"));
            Assert.That(token.IsValid, Is.True, token.Exception?.Message);
            Assert.That(((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)token.SecurityToken).IssuedAt, Is.EqualTo(clock.GetUtcNow().UtcDateTime));
            Assert.That(sandbox.Webhooks.Deliveries.Single().Time, Is.EqualTo(clock.GetUtcNow()));
        });
    }

    [Test]
    public async Task Drafts_are_added_as_drafts_whatever_status_the_builder_set()
    {
        _receiver.OnValidation = _ => new Reply(503, string.Empty);

        var result = await Sandbox.Requests.AddDraftAsync(r => r.Product(Product).Status("approved"));

        Assert.That(Sandbox.GetRequestStatus(result.RequestId), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Updating_needs_a_draft_and_an_existing_parameter()
    {
        var draft = await AddDraftAsync("not-a-domain");
        var pending = await AddDraftAsync("example.com");

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<InvalidOperationException>(() => Sandbox.Requests.UpdateDraftAsync(pending.RequestId, "customer_domain", "x.com"));
            Assert.ThrowsAsync<ArgumentException>(() => Sandbox.Requests.UpdateDraftAsync(draft.RequestId, "no_such_parameter", "x"));
            Assert.ThrowsAsync<ArgumentException>(() => Sandbox.Requests.UpdateDraftAsync("PR-0000-0000-0000-999", "customer_domain", "x.com"));
        });
    }

    [Test]
    public void Webhooks_need_an_absolute_http_url_and_a_256_bit_secret()
    {
        var url = new Uri("http://127.0.0.1:1/validation");
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => Sandbox.Products.Add("PRD-1", p => p.ValidationWebhook(url, "too-short")));
            Assert.Throws<ArgumentException>(() => Sandbox.Products.Add("PRD-1", p => p.EventsWebhook(new Uri("/events", UriKind.Relative), WebhookReceiver.Secret)));
            Assert.Throws<ArgumentException>(() => Sandbox.Products.Add("PRD-1", p => p.EventsWebhook(new Uri("ftp://127.0.0.1/events"), WebhookReceiver.Secret)));
            Assert.DoesNotThrow(() => Sandbox.Products.Add("PRD-1", p => p.ValidationWebhook(url, new string('s', 32)).EventsWebhook(url, new string('s', 32))));
        });
    }
}
