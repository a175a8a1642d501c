using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class FakeVendorTests : FakeVendorTestBase
{
    private async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, string? json = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private const string CreateBody = """{"asset_id":"AS-1","product_id":"PRD-1","items":[{"mpn":"SKU-1","quantity":3}]}""";

    [Test]
    public async Task Create_and_cancel()
    {
        var (status, body, _) = await PostAsync("subscriptions", CreateBody);
        Assert.That(status, Is.EqualTo(201));
        var id = (string)body!["id"]!;
        Assert.That(id, Does.StartWith("SUB-"));
        Assert.That(_vendor.CreateCount("AS-1"), Is.EqualTo(1));
        Assert.That(_vendor.GetSubscription(id)!.Status, Is.EqualTo("active"));

        (status, body, _) = await PostAsync($"subscriptions/{id}/cancel");
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["status"]!, Is.EqualTo("cancelled"));
        Assert.That(_vendor.CancelCount(id), Is.EqualTo(1));
        Assert.That(_vendor.GetSubscription(id)!.Status, Is.EqualTo("cancelled"));

        Assert.That((await PostAsync($"subscriptions/{id}/cancel")).Status, Is.EqualTo(409));
        Assert.That((await PostAsync("subscriptions/SUB-NOPE/cancel")).Status, Is.EqualTo(404));
        Assert.That((await PostAsync("subscriptions", "{}")).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task A_created_subscription_never_takes_the_id_of_a_seeded_one()
    {
        _vendor.SeedSubscription("SUB-000001", "AS-SEEDED", "PRD-1");
        _vendor.SeedSubscription("SUB-000002", "AS-SEEDED-2", "PRD-1");

        var (status, body, _) = await PostAsync("subscriptions", CreateBody);

        Assert.That(status, Is.EqualTo(201));
        Assert.That((string?)body!["id"], Is.EqualTo("SUB-000003"));
        Assert.That(_vendor.GetSubscription("SUB-000001")!.AssetId, Is.EqualTo("AS-SEEDED"));
        Assert.That(_vendor.GetSubscription("SUB-000003")!.AssetId, Is.EqualTo("AS-1"));
    }

    [Test]
    public async Task Bearer_token_is_required()
    {
        using var anonymous = new HttpClient();
        Assert.That((int)(await anonymous.PostAsync(new Uri(_vendor.BaseUrl, "subscriptions"), null)).StatusCode, Is.EqualTo(401));
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.That((int)(await anonymous.PostAsync(new Uri(_vendor.BaseUrl, "subscriptions/SUB-1/cancel"), null)).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Idempotency_key_replays_without_a_second_side_effect()
    {
        _vendor.SeedSubscription("SUB-1", assetId: "AS-9");
        var first = await PostAsync("subscriptions/SUB-1/cancel", idempotencyKey: "k-1");
        var second = await PostAsync("subscriptions/SUB-1/cancel", idempotencyKey: "k-1");
        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That(second.Status, Is.EqualTo(200), "replayed, not 409");
        Assert.That(JsonNode.DeepEquals(first.Body, second.Body), Is.True);
        Assert.That(_vendor.CancelCount("SUB-1"), Is.EqualTo(1));
        Assert.That(_vendor.Calls.Select(c => c.Replayed), Is.EqualTo(new[] { false, true }));
        Assert.That(_vendor.Calls[0].IdempotencyKey, Is.EqualTo("k-1"));

        var c1 = await PostAsync("subscriptions", CreateBody, "create-1");
        var c2 = await PostAsync("subscriptions", CreateBody, "create-1");
        Assert.That((string)c1.Body!["id"]!, Is.EqualTo((string)c2.Body!["id"]!));
        Assert.That(_vendor.CreateCount("AS-1"), Is.EqualTo(1));
    }

    [Test]
    public async Task Failure_n_times_then_ok_and_failures_are_not_replayed()
    {
        _vendor.SeedSubscription("SUB-2");
        _vendor.SetBehavior("SUB-2", VendorBehavior.Failure(503, times: 2));
        Assert.That((await PostAsync("subscriptions/SUB-2/cancel", idempotencyKey: "k")).Status, Is.EqualTo(503));
        Assert.That((await PostAsync("subscriptions/SUB-2/cancel", idempotencyKey: "k")).Status, Is.EqualTo(503));
        Assert.That(_vendor.CancelCount("SUB-2"), Is.Zero);
        Assert.That((await PostAsync("subscriptions/SUB-2/cancel", idempotencyKey: "k")).Status, Is.EqualTo(200));
        Assert.That(_vendor.CancelCount("SUB-2"), Is.EqualTo(1));
    }

    [Test]
    public async Task Configured_behaviours()
    {
        _vendor.SeedSubscription("SUB-A");
        _vendor.SetBehavior("SUB-A", VendorBehavior.NotFound("gone"));
        var (status, body, _) = await PostAsync("subscriptions/SUB-A/cancel");
        Assert.That(status, Is.EqualTo(404));
        Assert.That((string)body!["message"]!, Is.EqualTo("gone"));

        _vendor.SetBehavior("SUB-A", VendorBehavior.AlreadyCancelled());
        Assert.That((await PostAsync("subscriptions/SUB-A/cancel")).Status, Is.EqualTo(409));

        _vendor.SetBehavior("SUB-A", VendorBehavior.Rejected("contract forbids"));
        (status, body, _) = await PostAsync("subscriptions/SUB-A/cancel");
        Assert.That(status, Is.EqualTo(422));
        Assert.That((string)body!["message"]!, Is.EqualTo("contract forbids"));

        _vendor.SetBehavior("SUB-A", VendorBehavior.RateLimited(retryAfterSeconds: 3, times: 1));
        var (limited, _, response) = await PostAsync("subscriptions/SUB-A/cancel");
        Assert.That(limited, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));

        _vendor.SetBehavior("SUB-A", VendorBehavior.Failure(500));
        Assert.That((await PostAsync("subscriptions/SUB-A/cancel")).Status, Is.EqualTo(500));
        Assert.That((await PostAsync("subscriptions/SUB-A/cancel")).Status, Is.EqualTo(500));

        _vendor.SetBehavior("SUB-A", VendorBehavior.Ok);
        Assert.That((await PostAsync("subscriptions/SUB-A/cancel")).Status, Is.EqualTo(200));

        _vendor.SetBehavior("AS-R", VendorBehavior.Rejected());
        Assert.That((await PostAsync("subscriptions", """{"asset_id":"AS-R","items":[]}""")).Status, Is.EqualTo(422));
    }

    [Test]
    public async Task Slow_behaviour_times_out_a_short_client()
    {
        _vendor.SeedSubscription("SUB-S");
        _vendor.SetBehavior("SUB-S", VendorBehavior.Slow(TimeSpan.FromMilliseconds(500)));
        using var impatient = new HttpClient { BaseAddress = _vendor.BaseUrl, Timeout = TimeSpan.FromMilliseconds(150) };
        impatient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _vendor.ApiKey);
        Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("subscriptions/SUB-S/cancel", null));
        Assert.That(_vendor.CancelCount("SUB-S"), Is.Zero);
    }
}
