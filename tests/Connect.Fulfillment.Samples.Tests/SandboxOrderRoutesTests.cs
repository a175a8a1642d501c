using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The standalone sandbox program's order routes without webhooks: a draft becomes pending as ordered, and what cannot
/// be ordered is refused with a JSON error (400 bad body or id, 404 unknown request, 409 not a draft, 413 too large).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SandboxOrderRoutesTests
{
    [Test]
    public async Task Without_a_validation_webhook_a_draft_becomes_pending_and_is_listed_with_the_seeded_requests()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "2");

        var (status, draft) = await sandbox.PostAsync("drafts", """{"customer_domain": "not a domain"}""");

        Assert.That(status, Is.EqualTo(200), sandbox.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)draft!["status"], Is.EqualTo("pending"));
            Assert.That(draft["errors"]!.AsObject(), Is.Empty);
            Assert.That((int?)draft["webhook_status_code"], Is.Null);
            Assert.That((string?)draft["problem"], Is.Null);
            Assert.That(sandbox.Ready("webhooks"), Is.Null, "no webhooks line without webhooks");
        });
        var requests = JsonNode.Parse(await sandbox.ViewAsync("requests"))!.AsArray();
        Assert.That(requests.Select(r => ((string?)r!["type"], (string?)r["status"])), Is.EqualTo(new[] { ("cancel", "pending"), ("cancel", "pending"), ("purchase", "pending") }));
        Assert.That((await sandbox.CountsAsync()).Pending, Is.EqualTo(3));
        Assert.That(JsonNode.Parse(await sandbox.ViewAsync("webhooks"))!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Bad_bodies_ids_and_states_are_refused_with_a_json_error()
    {
        using var sandbox = await SandboxProcess.StartAsync("--seed-cancels", "1");
        var seededCancel = (await sandbox.RequestsAsync()).Single().Id;
        var (_, draft) = await sandbox.PostAsync("drafts", """{"customer_domain": "example.com"}""");
        var pendingDraft = (string)draft!["request_id"]!;
        const string Update = """{"parameter": "customer_domain", "value": "example.org"}""";

        var cases = new (string Route, string Body, int Status, string Error)[]
        {
            ("drafts", "not json", 400, "not valid JSON"),
            ("drafts", string.Empty, 400, "not valid JSON"),
            ("drafts", "[]", 400, "must be a JSON object"),
            ("drafts", "{}", 400, "'customer_domain' is required"),
            ("drafts", """{"customer_domain": 5}""", 400, "'customer_domain' must be a string"),
            ("drafts", """{"customer_domain": "a.com", "customer_domain": "b.com"}""", 400, "given twice"),
            ("drafts", """{"customer_domain": "a.com", "subscription_id": "SUB-1"}""", 400, "fulfillment parameter"),
            ("drafts", """{"customer_domain": "a.com", "bad id!": "x"}""", 400, "ordering parameter ids"),
            ("drafts", """{"customer_domain": "a.com", "note": "x" """ + new string(' ', 70 * 1024) + "}", 413, "larger than 64 KiB"),
            ("drafts/PR-12", Update, 400, "A request id looks like"),
            ("drafts/..%2F_sandbox%2Fcounts", Update, 400, "A request id looks like"),
            ("drafts/PR-9999-9999-9999-001", Update, 404, "There is no request PR-9999-9999-9999-001"),
            ($"drafts/{seededCancel}", Update, 409, "not a draft"),
            ($"drafts/{pendingDraft}", Update, 409, "pending, not a draft"),
            ($"drafts/{pendingDraft}", """{"parameter": "customer_domain"}""", 400, "both strings"),
            ($"drafts/{pendingDraft}", """{"parameter": "customer_domain", "value": "a.com", "extra": 1}""", 400, "both strings"),
        };
        foreach (var (route, body, expectedStatus, error) in cases)
        {
            var (status, answer) = await sandbox.PostAsync(route, body);
            Assert.That(status, Is.EqualTo(expectedStatus), $"{route} {Shorten(body)}: {answer?.ToJsonString()}");
            Assert.That((string?)answer!["error"], Does.Contain(error), $"{route} {Shorten(body)}");
        }

        // The routes take POST only; the views GET only.
        using var http = new HttpClient { BaseAddress = new Uri(sandbox.Ready("inspect-url") + "/") };
        using var get = await http.GetAsync("drafts");
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var post = await http.PostAsync("webhooks", content);
        Assert.That(((int)get.StatusCode, (int)post.StatusCode), Is.EqualTo((405, 405)));
        Assert.That((await sandbox.RequestsAsync()).Count, Is.EqualTo(2), "nothing refused was stored");
    }

    private static string Shorten(string body) => body.Length > 80 ? body[..80] + "…" : body;
}
