using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

// The code in docs/testing.md is copied from this file; keep them in sync.
[NonParallelizable]
public class DocsExamples
{
    private ConnectSandbox _sandbox = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        _sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { MaxPageSize = 100, Seed = 7 });
        _http = new HttpClient { BaseAddress = new Uri(_sandbox.BaseUrl + "/") };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", _sandbox.ApiKey);
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [SetUp]
    public void Reset()
    {
        _sandbox.ClearState();
        _sandbox.CallLog.Clear();
        _sandbox.Faults.Clear();
    }

    [Test]
    public async Task Seeding_and_inspection()
    {
        _sandbox.Products.Add("PRD-1", p => p
            .Name("Cloud Backup")
            .Template("TL-1", name: "Default Activation Template", scope: "asset", type: "fulfillment",
                body: "Subscription {{ subscription_id }} is active."));

        var requestId = _sandbox.Requests.Add(r => r
            .Type("purchase").Status("pending").Product("PRD-1").Environment("preview")
            .Parameter("subscription_id", phase: "fulfillment", value: null, required: true)
            .Item("SKU-1", quantity: 3));

        // ... the code under test fills the parameter and approves:
        await _http.PutAsJsonAsync($"requests/{requestId}",
            new { asset = new { @params = new[] { new { id = "subscription_id", value = "SUB-1" } } } });
        await _http.PostAsJsonAsync($"requests/{requestId}/approve", new { template_id = "TL-1" });

        Assert.That(_sandbox.GetRequestStatus(requestId), Is.EqualTo("approved"));
        Assert.That(_sandbox.GetAssetStatus(_sandbox.GetRequestAssetId(requestId)!), Is.EqualTo("active"));
        Assert.That(_sandbox.GetRequestParameterValue(requestId, "subscription_id"), Is.EqualTo("SUB-1"));
        Assert.That((string?)_sandbox.GetRequest(requestId)!["activation_key"], Is.EqualTo("Subscription SUB-1 is active."));
        Assert.That(_sandbox.CallLog.Count("POST /requests/*/approve"), Is.EqualTo(1));
        Assert.That(_sandbox.CallLog.Count(e => e.Matches($"POST /requests/{requestId}/approve")
            && e.StatusCode == 200 && (string?)e.ParseBody()?["template_id"] == "TL-1"), Is.EqualTo(1));
    }

    [Test]
    public void Fixtures_and_bulk_seeding()
    {
        var dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "connect");
        var ids = _sandbox.Requests.AddFromFile(Path.Combine(dir, "request_purchase_pending.processor-template.json"));
        var tcrIds = _sandbox.TierConfigRequests.AddFromFile(Path.Combine(dir, "tier_config_requests_list_pending.python-sdk.json"));
        var templateIds = _sandbox.Products.AddTemplatesFromFile("PRD-1", Path.Combine(dir, "product_templates_list.python-sdk.json"));

        var load = _sandbox.SeedRequests(1000, (i, r) => r.Type("cancel").Product("PRD-1")
            .Parameter("subscription_id", value: $"SUB-{i}"));

        Assert.That(ids, Has.Count.EqualTo(1));
        Assert.That(tcrIds, Is.Not.Empty);
        Assert.That(templateIds, Is.Not.Empty);
        Assert.That(load.Distinct().Count(), Is.EqualTo(1000));
    }

    [Test]
    public void Value_choices_in_either_form()
    {
        var id = _sandbox.Requests.Add(r => r
            .Parameter("plan", type: "choice").ValueChoices("plan", ["basic", "pro"])
            .Parameter("region", type: "choice").ValueChoices("region", ["eu", "us"], ValueChoicesForm.Strings));

        var parameters = _sandbox.GetRequest(id)!["asset"]!["params"]!;
        Assert.That((string?)parameters[0]!["value_choices"]![1]!["value"], Is.EqualTo("pro"));
        Assert.That((string?)parameters[1]!["value_choices"]![1], Is.EqualTo("us"));
    }

    [Test]
    public async Task Fault_injection()
    {
        _sandbox.Products.Add("PRD-1", p => p.Template("TL-1"));
        var requestId = _sandbox.Requests.Add(r => r.Product("PRD-1"));

        // The first approve is applied but its response is lost (500): a retry must cope with "already approved".
        var lost = _sandbox.Faults.Add(FaultRule.For("POST /requests/*/approve").OnCall(1).LoseResponse());
        // About half of the list calls are rate limited (reproducibly, from the seed).
        _sandbox.Faults.Add(FaultRule.For("GET", "/requests").WithProbability(0.5).RateLimit(retryAfterSeconds: 1));
        // The next 2 reads of any single request hang until the client gives up.
        _sandbox.Faults.Add(FaultRule.For("GET", "/requests/*").ForNextCalls(2).Hang());

        using var response = await _http.PostAsJsonAsync($"requests/{requestId}/approve", new { template_id = "TL-1" });

        Assert.That((int)response.StatusCode, Is.EqualTo(500));
        Assert.That(_sandbox.GetRequestStatus(requestId), Is.EqualTo("approved"));
        Assert.That(lost.FiredCount, Is.EqualTo(1));
        Assert.That(_sandbox.CallLog.Count(e => e.Fault == FaultKind.LoseResponse), Is.EqualTo(1));
    }

    [Test]
    public async Task Fake_vendor()
    {
        await using var vendor = await FakeVendorServer.StartAsync();
        vendor.SeedSubscription("SUB-1", assetId: "AS-1", productId: "PRD-1");
        vendor.SetBehavior("SUB-1", VendorBehavior.Failure(503, times: 1));

        using var http = new HttpClient { BaseAddress = vendor.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", vendor.ApiKey);
        async Task<int> CancelAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "subscriptions/SUB-1/cancel");
            request.Headers.Add("Idempotency-Key", "cancel-AS-1");
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        Assert.That(await CancelAsync(), Is.EqualTo(503));
        Assert.That(await CancelAsync(), Is.EqualTo(200));
        Assert.That(await CancelAsync(), Is.EqualTo(200)); // replayed from the idempotency key
        Assert.That(vendor.CancelCount("SUB-1"), Is.EqualTo(1));
        Assert.That(vendor.GetSubscription("SUB-1")!.Status, Is.EqualTo("cancelled"));
        Assert.That(vendor.Calls.Count(c => c.Replayed), Is.EqualTo(1));
    }
}
