using System.Net;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>The events endpoint: answered 202 at once, the work done in the background through the real pipeline against the sandbox.</summary>
public sealed class EventsTests
{
    [Test]
    public async Task Event_naming_a_request_processes_it_in_the_background()
    {
        await using var events = await EventsHost.StartAsync(gated: true);
        var requestId = events.AddPendingCancel();

        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, $$"""{"id": "{{requestId}}"}""");
        var accepted = await Responses.JsonAsync(response, HttpStatusCode.Accepted);

        // Answered while the vendor call is still held: the work is not done in the call.
        Assert.That((string?)accepted["status"], Is.EqualTo("queued"));
        Assert.That((string?)accepted["request_id"], Is.EqualTo(requestId));
        Assert.That((string?)accepted["kind"], Is.EqualTo("fulfillment"));
        await events.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(events.Sandbox.GetRequestStatus(requestId), Is.EqualTo("pending"));

        events.Gate.Open();
        Assert.That(await events.WaitForStatusAsync(requestId, "approved"), Is.EqualTo("approved"));
        Assert.That(events.Gate.Calls["SUB-1"], Is.EqualTo(1));
    }

    [Test]
    public async Task Request_id_property_wins_over_id()
    {
        await using var events = await EventsHost.StartAsync();
        var requestId = events.AddPendingCancel();

        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, $$"""{"request_id": "{{requestId}}", "id": "WH-000-000"}""");

        Assert.That((string?)(await Responses.JsonAsync(response, HttpStatusCode.Accepted))["request_id"], Is.EqualTo(requestId));
        Assert.That(await events.WaitForStatusAsync(requestId, "approved"), Is.EqualTo("approved"));
    }

    [Test]
    public async Task Duplicate_notifications_while_in_progress_process_the_request_once()
    {
        await using var events = await EventsHost.StartAsync(gated: true);
        var requestId = events.AddPendingCancel();
        var body = $$"""{"id": "{{requestId}}"}""";

        using var first = await events.Host.PostAsync(WebhookHost.EventsPath, body);
        Assert.That((string?)(await Responses.JsonAsync(first, HttpStatusCode.Accepted))["status"], Is.EqualTo("queued"));
        await events.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var duplicates = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await events.Host.PostAsync(WebhookHost.EventsPath, body);
            return (string?)(await Responses.JsonAsync(response, HttpStatusCode.Accepted))["status"];
        }));
        events.Gate.Open();

        Assert.That(duplicates, Is.All.EqualTo("already_queued"));
        Assert.That(await events.WaitForStatusAsync(requestId, "approved"), Is.EqualTo("approved"));
        Assert.That(events.Gate.Calls["SUB-1"], Is.EqualTo(1));
    }

    [Test]
    public async Task Event_naming_no_request_runs_the_pipeline()
    {
        await using var events = await EventsHost.StartAsync();
        var first = events.AddPendingCancel("SUB-1");
        var second = events.AddPendingCancel("SUB-2");

        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, """{"webhook": "queue changed"}""");
        var accepted = await Responses.JsonAsync(response, HttpStatusCode.Accepted);

        Assert.That((string?)accepted["kind"], Is.EqualTo("run"));
        Assert.That(accepted.ContainsKey("request_id"), Is.False);
        Assert.That(await events.WaitForStatusAsync(first, "approved"), Is.EqualTo("approved"));
        Assert.That(await events.WaitForStatusAsync(second, "approved"), Is.EqualTo("approved"));
    }

    [Test]
    public async Task Empty_post_and_get_run_the_pipeline()
    {
        await using var events = await EventsHost.StartAsync();
        var requestId = events.AddPendingCancel();

        using var post = await events.Host.PostAsync(WebhookHost.EventsPath, null);
        Assert.That((string?)(await Responses.JsonAsync(post, HttpStatusCode.Accepted))["kind"], Is.EqualTo("run"));
        Assert.That(await events.WaitForStatusAsync(requestId, "approved"), Is.EqualTo("approved"));

        using var get = new HttpRequestMessage(HttpMethod.Get, WebhookHost.EventsPath);
        get.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Tokens.Valid());
        using var getResponse = await events.Host.Client.SendAsync(get);
        Assert.That((string?)(await Responses.JsonAsync(getResponse, HttpStatusCode.Accepted))["kind"], Is.EqualTo("run"));
    }

    [Test]
    public async Task Tier_configuration_request_is_queued_as_such()
    {
        await using var events = await EventsHost.StartAsync();

        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, """{"id": "TCR-000-000-000-001"}""");
        var accepted = await Responses.JsonAsync(response, HttpStatusCode.Accepted);

        Assert.That((string?)accepted["kind"], Is.EqualTo("tier_configuration"));
        Assert.That((string?)accepted["request_id"], Is.EqualTo("TCR-000-000-000-001"));
    }

    [TestCase("""{"id": "PR-1/../../x"}""", "\"id\" is not a Connect request id")]
    [TestCase("""{"id": 12}""", "\"id\" is not a Connect request id")]
    [TestCase("""{"request_id": "PR-1\r\nX-Injected: 1"}""", "\"request_id\" is not a Connect request id")]
    [TestCase("""{"id": "PRD-123-456-789"}""", "neither a fulfillment request (PR-…) nor a tier configuration request (TCR-…)")]
    [TestCase("""[1]""", "must be a JSON object")]
    public async Task Bad_request_naming_is_answered_400(string body, string problem)
    {
        await using var events = await EventsHost.StartAsync();

        using var response = await events.Host.PostAsync(WebhookHost.EventsPath, body);

        Assert.That(await Responses.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST"), Does.Contain(problem));
    }

    [Test]
    public async Task Non_JSON_event_is_answered_400_and_oversized_413()
    {
        await using var events = await EventsHost.StartAsync(o => o.MaxBodyBytes = 1024);

        using var notJson = await events.Host.PostAsync(WebhookHost.EventsPath, "id=PR-1");
        Assert.That(await Responses.ErrorAsync(notJson, HttpStatusCode.BadRequest, "INVALID_JSON"), Does.StartWith("The body is not valid JSON"));

        using var large = await events.Host.PostAsync(WebhookHost.EventsPath, "{\"pad\": \"" + new string('x', 2000) + "\"}");
        Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Full_queue_is_answered_503()
    {
        await using var events = await EventsHost.StartAsync(o =>
        {
            o.EventQueueCapacity = 1;
            o.EventConcurrency = 1;
        }, gated: true);
        var held = events.AddPendingCancel("SUB-1");
        using var first = await events.Host.PostAsync(WebhookHost.EventsPath, $$"""{"id": "{{held}}"}""");
        await events.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        using var second = await events.Host.PostAsync(WebhookHost.EventsPath, """{"id": "PR-0000-0000-0000-002"}""");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "one waits in the queue");

        using var third = await events.Host.PostAsync(WebhookHost.EventsPath, """{"id": "PR-0000-0000-0000-003"}""");

        Assert.That(await Responses.ErrorAsync(third, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE"), Does.Contain("try again later"));
        Assert.That(third.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Shutdown_lets_the_request_in_progress_finish()
    {
        var events = await EventsHost.StartAsync(gated: true);
        try
        {
            var requestId = events.AddPendingCancel();
            using var response = await events.Host.PostAsync(WebhookHost.EventsPath, $$"""{"id": "{{requestId}}"}""");
            await events.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

            var stopping = events.Host.App.StopAsync();
            Assert.That(stopping.IsCompleted, Is.False, "stopping waits for the request in progress");
            events.Gate.Open();
            await stopping.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.That(events.Sandbox.GetRequestStatus(requestId), Is.EqualTo("approved"));
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    [Test]
    public async Task Mapping_events_without_a_pipeline_fails_at_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddConnectWebhooks(o => o.JwtSecret = Tokens.Secret);
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapConnectEvents("/connect/events"));
        Assert.That(error!.Message, Does.Contain("AddFulfillmentPipeline"));
    }
}
