using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

/// <summary>Change, suspend and resume on the fake vendor: state rules, counters and Idempotency-Key replay.</summary>
public class FakeVendorSubscriptionOperationsTests : FakeVendorTestBase
{
    private const string ChangeBody = """{"items":[{"mpn":"SKU-1","quantity":5}]}""";

    [Test]
    public async Task Change_updates_an_active_subscription_once_per_idempotency_key()
    {
        _vendor.SeedSubscription("SUB-1");
        var first = await PostAsync("subscriptions/SUB-1/change", ChangeBody, "change-1");
        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That((string)first.Body!["status"]!, Is.EqualTo("active"));
        Assert.That((int)first.Body["items"]![0]!["quantity"]!, Is.EqualTo(5));
        Assert.That(_vendor.ChangeCount("SUB-1"), Is.EqualTo(1));

        var replay = await PostAsync("subscriptions/SUB-1/change", ChangeBody, "change-1");
        Assert.That(replay.Status, Is.EqualTo(200));
        Assert.That(JsonNode.DeepEquals(first.Body, replay.Body), Is.True);
        Assert.That(_vendor.ChangeCount("SUB-1"), Is.EqualTo(1), "a replay is not a second change");
        Assert.That(_vendor.Calls.Select(c => c.Replayed), Is.EqualTo(new[] { false, true }));

        Assert.That((await PostAsync("subscriptions/SUB-1/change", ChangeBody, "change-2")).Status, Is.EqualTo(200));
        Assert.That(_vendor.ChangeCount("SUB-1"), Is.EqualTo(2), "a new key is a new change");
    }

    [Test]
    public async Task Change_is_refused_for_unknown_inactive_or_itemless_subscriptions()
    {
        Assert.That((await PostAsync("subscriptions/SUB-NOPE/change", ChangeBody)).Status, Is.EqualTo(404));
        _vendor.SeedSubscription("SUB-S", status: "suspended");
        Assert.That((await PostAsync("subscriptions/SUB-S/change", ChangeBody)).Status, Is.EqualTo(409));
        _vendor.SeedSubscription("SUB-C", status: "cancelled");
        Assert.That((await PostAsync("subscriptions/SUB-C/change", ChangeBody)).Status, Is.EqualTo(409));
        _vendor.SeedSubscription("SUB-A");
        Assert.That((await PostAsync("subscriptions/SUB-A/change", "{}")).Status, Is.EqualTo(400));
        Assert.That(new[] { "SUB-S", "SUB-C", "SUB-A" }.Sum(_vendor.ChangeCount), Is.Zero);
    }

    [Test]
    public async Task Suspend_then_resume_with_replay_and_conflicts()
    {
        _vendor.SeedSubscription("SUB-1");
        var suspended = await PostAsync("subscriptions/SUB-1/suspend", null, "suspend-1");
        Assert.That(suspended.Status, Is.EqualTo(200));
        Assert.That((string)suspended.Body!["status"]!, Is.EqualTo("suspended"));
        Assert.That(_vendor.GetSubscription("SUB-1")!.Status, Is.EqualTo("suspended"));

        var replay = await PostAsync("subscriptions/SUB-1/suspend", null, "suspend-1");
        Assert.That(replay.Status, Is.EqualTo(200), "replayed, not 409");
        Assert.That(JsonNode.DeepEquals(suspended.Body, replay.Body), Is.True);
        Assert.That(_vendor.SuspendCount("SUB-1"), Is.EqualTo(1));
        Assert.That((await PostAsync("subscriptions/SUB-1/suspend", null, "suspend-2")).Status, Is.EqualTo(409), "already suspended");

        var resumed = await PostAsync("subscriptions/SUB-1/resume", null, "resume-1");
        Assert.That(resumed.Status, Is.EqualTo(200));
        Assert.That((string)resumed.Body!["status"]!, Is.EqualTo("active"));
        Assert.That((await PostAsync("subscriptions/SUB-1/resume", null, "resume-1")).Status, Is.EqualTo(200), "replayed, not 409");
        Assert.That(_vendor.ResumeCount("SUB-1"), Is.EqualTo(1));
        Assert.That((await PostAsync("subscriptions/SUB-1/resume", null, "resume-2")).Status, Is.EqualTo(409), "not suspended");
        Assert.That(_vendor.GetSubscription("SUB-1")!.Status, Is.EqualTo("active"));
    }

    [Test]
    public async Task Suspend_and_resume_of_unknown_or_cancelled_subscriptions_are_refused()
    {
        Assert.That((await PostAsync("subscriptions/SUB-NOPE/suspend")).Status, Is.EqualTo(404));
        Assert.That((await PostAsync("subscriptions/SUB-NOPE/resume")).Status, Is.EqualTo(404));
        _vendor.SeedSubscription("SUB-C", status: "cancelled");
        Assert.That((await PostAsync("subscriptions/SUB-C/suspend")).Status, Is.EqualTo(409));
        Assert.That((await PostAsync("subscriptions/SUB-C/resume")).Status, Is.EqualTo(409));
        Assert.That(_vendor.SuspendCount("SUB-C") + _vendor.ResumeCount("SUB-C"), Is.Zero);
        Assert.That((await PostAsync("subscriptions/SUB-C/explode")).Status, Is.EqualTo(404), "unknown operation");
    }

    [Test]
    public async Task Suspended_subscriptions_can_be_cancelled()
    {
        _vendor.SeedSubscription("SUB-1", status: "suspended");
        Assert.That((await PostAsync("subscriptions/SUB-1/cancel")).Status, Is.EqualTo(200));
        Assert.That(_vendor.GetSubscription("SUB-1")!.Status, Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Behaviours_apply_to_every_operation_and_failures_are_not_replayed()
    {
        _vendor.SeedSubscription("SUB-1");
        _vendor.SetBehavior("SUB-1", VendorBehavior.Failure(503, times: 1));
        Assert.That((await PostAsync("subscriptions/SUB-1/suspend", null, "k")).Status, Is.EqualTo(503));
        Assert.That(_vendor.SuspendCount("SUB-1"), Is.Zero);
        Assert.That((await PostAsync("subscriptions/SUB-1/suspend", null, "k")).Status, Is.EqualTo(200));
        Assert.That(_vendor.SuspendCount("SUB-1"), Is.EqualTo(1));

        _vendor.SetBehavior("SUB-1", VendorBehavior.Rejected("no resumes on Sundays"));
        var (status, body) = await PostAsync("subscriptions/SUB-1/resume", null, "r");
        Assert.That(status, Is.EqualTo(422));
        Assert.That((string)body!["message"]!, Is.EqualTo("no resumes on Sundays"));
        _vendor.SetBehavior("SUB-1", VendorBehavior.Ok);
        Assert.That((await PostAsync("subscriptions/SUB-1/resume", null, "r")).Status, Is.EqualTo(422), "a 422 is final: replayed");
        Assert.That(_vendor.ResumeCount("SUB-1"), Is.Zero);
    }

    private async Task<(int Status, JsonNode? Body)> PostAsync(string path, string? json = null, string? idempotencyKey = null)
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

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
