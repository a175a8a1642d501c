using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The standalone sandbox program playing Connect for the web sample, two processes: the program's product calls the
/// web sample's <c>/connect/validation</c> for drafts ordered on its inspection server and <c>/connect/events</c> for
/// requests that become pending, and the web sample processes them against the program's Connect and vendor.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SandboxWebhookTests
{
    private const string Secret = "sandbox-program-webhook-secret-7c2e9f41d0b8";
    private const string ShortSecret = "short-webhook-secret-1234";
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(60);

    private static IEnumerable<TestCaseData> WrongWebhookArguments()
    {
        const string Events = "http://127.0.0.1:5080/connect/events";
        yield return new TestCaseData(new[] { "--events-webhook", Events }, "'--webhook-secret' (or the environment variable Webhook__JwtSecret) is required with --validation-webhook or --events-webhook", null)
            .SetName("A webhook without a secret");
        yield return new TestCaseData(new[] { "--validation-webhook", "ftp://127.0.0.1/connect/validation", "--webhook-secret", Secret }, "'--validation-webhook' needs an absolute http or https URL", Secret)
            .SetName("A webhook URL that is not http(s)");
        yield return new TestCaseData(new[] { "--events-webhook", "/connect/events", "--webhook-secret", Secret }, "'--events-webhook' needs an absolute http or https URL", Secret)
            .SetName("A relative webhook URL");
        yield return new TestCaseData(new[] { "--events-webhook", Events, "--webhook-secret", ShortSecret }, "'--webhook-secret' must be at least 32 bytes long", ShortSecret)
            .SetName("A secret too short to sign HS256");
        yield return new TestCaseData(new[] { "--webhook-secret", Secret }, "'--webhook-secret' is used only with --validation-webhook or --events-webhook", Secret)
            .SetName("A secret without a webhook");
        yield return new TestCaseData(new[] { "--events-webhook", Events, $"--webhook-secret={Secret}" }, "'--webhook-secret' takes its value as the next argument, not after '='", Secret)
            .SetName("A secret joined to its option by '='");
        yield return new TestCaseData(new[] { "--events-webhook", Events, Secret }, "Argument 3 is a value with no option before it", Secret)
            .SetName("A secret without its option");
    }

    [TestCaseSource(nameof(WrongWebhookArguments))]
    public async Task Wrong_webhook_arguments_exit_2_with_one_line_that_never_shows_the_secret(string[] args, string message, string? secret)
    {
        var result = await SampleProcess.RunAsync(SampleProcess.SandboxDll, null, args);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Stderr, Does.Contain(message).And.Contain("Usage:").And.Contain("--webhook-secret SECRET"));
            Assert.That(result.Stdout, Is.Empty);
        });
        if (secret is not null)
        {
            Assert.That(result.Stderr, Does.Not.Contain(secret));
        }
    }

    [Test]
    public async Task Without_the_option_the_secret_is_read_from_the_web_samples_variable_and_checked_the_same_way()
    {
        const string Events = "http://127.0.0.1:5080/connect/events";
        var shortSecret = new Dictionary<string, string?> { ["Webhook__JwtSecret"] = ShortSecret };
        var rejected = await SampleProcess.RunAsync(SampleProcess.SandboxDll, shortSecret, "--events-webhook", Events);
        Assert.Multiple(() =>
        {
            Assert.That(rejected.ExitCode, Is.EqualTo(2), rejected.ToString());
            Assert.That(rejected.StderrLines, Has.Length.EqualTo(1), rejected.ToString());
            Assert.That(rejected.Stderr, Does.Contain("The environment variable Webhook__JwtSecret must be at least 32 bytes long"));
            Assert.That(rejected.ToString(), Does.Not.Contain(ShortSecret));
        });

        using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string?> { ["Webhook__JwtSecret"] = Secret }, "--seed-cancels", "0", "--events-webhook", Events);
        Assert.Multiple(() =>
        {
            Assert.That(sandbox.Ready("webhooks"), Is.EqualTo($"events {Events}"), sandbox.ToString());
            Assert.That(sandbox.ToString(), Does.Not.Contain(Secret));
        });
    }

    [Test]
    public async Task A_draft_is_validated_by_the_web_sample_corrected_and_its_purchase_and_a_cancel_are_processed_from_events()
    {
        // The sandbox program starts first (the web sample needs its addresses and keys), calling a port the web sample takes next.
        var webPort = Scenario.ClosedPort();
        var web = $"http://127.0.0.1:{webPort}";
        using var sandbox = await SandboxProcess.StartAsync(
            "--seed-cancels", "1",
            "--validation-webhook", $"{web}/connect/validation",
            "--events-webhook", $"{web}/connect/events",
            "--webhook-secret", WebSampleHost.Secret);
        Assert.That(sandbox.Ready("webhooks"), Is.EqualTo($"validation {web}/connect/validation, events {web}/connect/events"), sandbox.ToString());
        var environment = sandbox.SampleEnvironment();
        environment["Webhook__JwtSecret"] = WebSampleHost.Secret;
        using var host = await WebSampleHost.StartAsync(environment, port: webPort);

        // 1. A domain that is not a DNS name: the web sample's validator keeps the order a draft, saying why.
        var (status, draft) = await sandbox.PostAsync("drafts", """{"customer_domain": "contoso_mail.com", "seats": "25"}""");
        Assert.That(status, Is.EqualTo(200), $"{draft}\n{sandbox}\n{host}");
        var requestId = (string)draft!["request_id"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)draft["status"], Is.EqualTo("draft"), draft.ToJsonString());
            Assert.That((string?)draft["errors"]!["customer_domain"], Does.Contain("underscore"), draft.ToJsonString());
            Assert.That(draft["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "customer_domain" }), "seats is not validated");
            Assert.That((int?)draft["webhook_status_code"], Is.EqualTo(200));
            Assert.That((string?)draft["problem"], Is.Null);
        });

        // 2. Corrected: validated again, no error left, the draft becomes pending and is announced to /connect/events.
        var (updateStatus, corrected) = await sandbox.PostAsync($"drafts/{requestId}", """{"parameter": "customer_domain", "value": "contoso-mail.com"}""");
        Assert.That(updateStatus, Is.EqualTo(200), $"{corrected}\n{sandbox}\n{host}");
        Assert.Multiple(() =>
        {
            Assert.That((string?)corrected!["request_id"], Is.EqualTo(requestId));
            Assert.That((string?)corrected["status"], Is.EqualTo("pending"), corrected.ToJsonString());
            Assert.That(corrected["errors"]!.AsObject(), Is.Empty);
        });

        // 3. The web sample creates the subscription at the program's vendor and approves the purchase.
        var purchase = await WaitForAsync(sandbox, requestId, r => (string?)r["status"] != "pending");
        Assert.Multiple(() =>
        {
            Assert.That((string?)purchase["type"], Is.EqualTo("purchase"));
            Assert.That((string?)purchase["status"], Is.EqualTo("approved"), $"{purchase.ToJsonString()}\n{sandbox}\n{host}");
            Assert.That((string?)purchase["subscription_id"], Is.Not.Null.And.Not.Empty);
            Assert.That((string?)purchase["vendor_status"], Is.EqualTo("active"));
        });

        // 4. A cancel ordered now is announced as it is added, and cancelled at the vendor.
        var (cancelStatus, cancelled) = await sandbox.PostAsync("cancels", string.Empty);
        Assert.That(cancelStatus, Is.EqualTo(200), $"{cancelled}\n{sandbox}");
        var cancelId = (string)cancelled!["request_id"]!;
        var cancel = await WaitForAsync(sandbox, cancelId, r => (string?)r["status"] != "pending");
        Assert.That(((string?)cancel["status"], (string?)cancel["vendor_status"]), Is.EqualTo(("approved", "cancelled")), $"{cancel.ToJsonString()}\n{sandbox}\n{host}");

        // The seeded cancel was pending before the webhooks were configured: never announced, still pending.
        var requests = JsonNode.Parse(await sandbox.ViewAsync("requests"))!.AsArray();
        var seeded = requests.Single(r => (string?)r!["id"] != requestId && (string?)r!["id"] != cancelId)!;
        var deliveries = await DeliveriesAsync(sandbox, count: 4);
        Assert.Multiple(() =>
        {
            Assert.That((string?)seeded["status"], Is.EqualTo("pending"));
            Assert.That(((string?)seeded["subscription_id"], (string?)seeded["vendor_status"]), Is.EqualTo(("SUB-000001", "active")), "the purchase's new subscription took another id");
            Assert.That((string?)purchase["subscription_id"], Is.Not.EqualTo("SUB-000001"));
            Assert.That(deliveries.Select(d => ((string?)d["kind"], (string?)d["request_id"], (int?)d["status_code"], (bool)d["succeeded"]!)), Is.EquivalentTo(new[]
            {
                ("validation", requestId, 200, true),
                ("validation", requestId, 200, true),
                ("events", requestId, 202, true),
                ("events", cancelId, (int?)202, true),
            }));
            Assert.That(deliveries.Select(d => (string?)d["url"]), Is.All.StartWith(web));
        });

        // The secret is in no line either process printed nor in any view.
        var views = string.Concat(await Task.WhenAll(new[] { "requests", "calls", "counts", "webhooks" }.Select(sandbox.ViewAsync)));
        Assert.That(sandbox.ToString() + host + views, Does.Not.Contain(WebSampleHost.Secret));
    }

    [Test]
    public async Task With_the_web_sample_down_a_draft_stays_a_draft_and_the_problem_is_reported()
    {
        var webPort = Scenario.ClosedPort();
        using var sandbox = await SandboxProcess.StartAsync(
            "--seed-cancels", "0",
            "--validation-webhook", $"http://127.0.0.1:{webPort}/connect/validation",
            "--webhook-secret", Secret);

        var (status, draft) = await sandbox.PostAsync("drafts", """{"customer_domain": "example.com"}""");

        Assert.That(status, Is.EqualTo(200), sandbox.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)draft!["status"], Is.EqualTo("draft"), draft.ToJsonString());
            Assert.That((int?)draft["webhook_status_code"], Is.Null);
            Assert.That((string?)draft["problem"], Does.Contain("could not be reached"));
            Assert.That(sandbox.Ready("webhooks"), Is.EqualTo($"validation http://127.0.0.1:{webPort}/connect/validation"));
        });
        var delivery = JsonNode.Parse(await sandbox.ViewAsync("webhooks"))!.AsArray().Single()!;
        Assert.That(((string?)delivery["kind"], (bool)delivery["succeeded"]!, (string?)delivery["problem"]), Is.EqualTo(("validation", false, (string?)draft!["problem"])));
        Assert.That(sandbox.ToString(), Does.Not.Contain(Secret));
    }

    /// <summary>Polls <c>/_sandbox/webhooks</c> until it lists <paramref name="count"/> deliveries (a delivery is listed once answered), or <see cref="Processing"/> passed.</summary>
    private static async Task<List<JsonNode>> DeliveriesAsync(SandboxProcess sandbox, int count)
    {
        using var cancel = new CancellationTokenSource(Processing);
        while (true)
        {
            var deliveries = JsonNode.Parse(await sandbox.ViewAsync("webhooks"))!.AsArray().Select(d => d!).ToList();
            if (deliveries.Count >= count || cancel.IsCancellationRequested)
            {
                return deliveries;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls <c>/_sandbox/requests</c> until the request matches, or <see cref="Processing"/> passed; returns its last state.</summary>
    private static async Task<JsonNode> WaitForAsync(SandboxProcess sandbox, string requestId, Func<JsonNode, bool> done)
    {
        using var cancel = new CancellationTokenSource(Processing);
        while (true)
        {
            var request = JsonNode.Parse(await sandbox.ViewAsync("requests"))!.AsArray().Single(r => (string?)r!["id"] == requestId)!;
            if (done(request) || cancel.IsCancellationRequested)
            {
                return request;
            }

            await Task.Delay(200);
        }
    }
}
