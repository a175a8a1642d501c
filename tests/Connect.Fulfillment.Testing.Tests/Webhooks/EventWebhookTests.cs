using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Fulfillment.Testing.Tests.Webhooks;

/// <summary>"Request queue changed" notifications: sent in the background when a request becomes pending, retried when they fail.</summary>
public sealed class EventWebhookTests : SandboxTestBase
{
    private const string Product = "PRD-666-000-001";

    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiver()
    {
        _receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.EventRetryDelay = TimeSpan.FromMilliseconds(10);
        Sandbox.Products.Add(Product, p => p.EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));
    }

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    [Test]
    public async Task Adding_a_pending_request_posts_its_id_with_a_signed_token()
    {
        var id = Sandbox.Requests.Add(r => r.Product(Product));
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var call = _receiver.Events.Single();
        var token = await WebhookReceiver.ValidateAsync(call.Authorization);
        var delivery = Sandbox.Webhooks.Deliveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(call.Body), new JsonObject { ["request_id"] = id }), Is.True, call.Body);
            Assert.That(call.ContentType, Does.StartWith("application/json"));
            Assert.That(token.IsValid, Is.True, token.Exception?.Message);
            Assert.That(delivery.Kind, Is.EqualTo(WebhookDelivery.EventsKind));
            Assert.That(delivery.Url, Is.EqualTo(_receiver.EventsUrl));
            Assert.That(delivery.RequestId, Is.EqualTo(id));
            Assert.That(delivery.StatusCode, Is.EqualTo(202));
            Assert.That(delivery.Attempts, Is.EqualTo(1));
            Assert.That(delivery.Succeeded, Is.True);
            Assert.That(delivery.Problem, Is.Null);
        });
    }

    [Test]
    public async Task Only_pending_requests_of_products_with_an_events_webhook_are_announced()
    {
        var seeded = Sandbox.Requests.Seed(5, (_, r) => r.Product(Product));
        Sandbox.Requests.Add(r => r.Product(Product).Status("approved"));
        Sandbox.Requests.Add(r => r.Product(Product).Status("inquiring"));
        Sandbox.Requests.Add(r => r.Product("PRD-666-000-999"));
        var fromJson = Sandbox.Requests.AddFromJson(new JsonObject
        {
            ["id"] = "PR-6666-0000-0000-001",
            ["status"] = "pending",
            ["asset"] = new JsonObject { ["product"] = new JsonObject { ["id"] = Product } },
        }.ToJsonString());
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var announced = _receiver.Events.Select(e => (string)JsonNode.Parse(e.Body)!["request_id"]!).ToList();
        Assert.That(announced, Is.EquivalentTo(seeded.Concat(fromJson)));
        Assert.That(Sandbox.Webhooks.Deliveries.Select(d => d.RequestId), Is.EquivalentTo(announced));
    }

    [Test]
    public async Task Adding_does_not_wait_for_the_webhook()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.OnEvent = _ =>
        {
            release.Task.Wait(TimeSpan.FromSeconds(30));
            return new Reply(202, "{}");
        };

        var started = DateTime.UtcNow;
        var id = Sandbox.Requests.Add(r => r.Product(Product));
        var added = DateTime.UtcNow - started;
        var delivered = Sandbox.Webhooks.WhenDeliveredAsync();
        while (_receiver.Events.Count == 0)
        {
            await Task.Delay(5);
        }

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
            Assert.That(delivered.IsCompleted, Is.False, "the webhook has not answered yet");
            Assert.That(Sandbox.Webhooks.Deliveries, Is.Empty);
        });
        release.SetResult();
        await delivered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(Sandbox.Webhooks.Deliveries.Single().StatusCode, Is.EqualTo(202));
    }

    [Test]
    public async Task A_failed_notification_is_retried_until_it_is_answered()
    {
        var calls = 0;
        _receiver.OnEvent = _ => Interlocked.Increment(ref calls) <= 2 ? new Reply(503, "{}") : new Reply(202, "{}");

        Sandbox.Requests.Add(r => r.Product(Product));
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var delivery = Sandbox.Webhooks.Deliveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Events, Has.Count.EqualTo(3));
            Assert.That(delivery.Attempts, Is.EqualTo(3));
            Assert.That(delivery.StatusCode, Is.EqualTo(202));
            Assert.That(delivery.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task A_notification_that_keeps_failing_is_recorded_as_failed_after_the_retries()
    {
        Sandbox.Webhooks.EventRetries = 2;
        _receiver.OnEvent = _ => new Reply(500, "{}");

        Sandbox.Requests.Add(r => r.Product(Product));
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var delivery = Sandbox.Webhooks.Deliveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Events, Has.Count.EqualTo(3));
            Assert.That(delivery.Attempts, Is.EqualTo(3));
            Assert.That(delivery.StatusCode, Is.EqualTo(500));
            Assert.That(delivery.Succeeded, Is.False);
            Assert.That(delivery.Problem, Does.Contain("500"));
        });
    }

    [Test]
    public async Task An_unreachable_events_webhook_is_retried_then_recorded_as_failed()
    {
        var url = _receiver.EventsUrl;
        await _receiver.DisposeAsync();
        Sandbox.Webhooks.EventRetries = 1;

        Sandbox.Requests.Add(r => r.Product(Product));
        await Sandbox.Webhooks.WhenDeliveredAsync();

        var delivery = Sandbox.Webhooks.Deliveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(delivery.Url, Is.EqualTo(url));
            Assert.That(delivery.Attempts, Is.EqualTo(2));
            Assert.That(delivery.StatusCode, Is.Null);
            Assert.That(delivery.Problem, Does.StartWith("The webhook could not be reached"));
        });
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Test]
    public async Task The_retry_delay_follows_the_sandbox_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { TimeProvider = clock });
        sandbox.Webhooks.EventRetryDelay = TimeSpan.FromHours(1);
        sandbox.Products.Add(Product, p => p.EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));
        var calls = 0;
        _receiver.OnEvent = _ => Interlocked.Increment(ref calls) == 1 ? new Reply(502, "{}") : new Reply(202, "{}");

        sandbox.Requests.Add(r => r.Product(Product));
        var delivered = sandbox.Webhooks.WhenDeliveredAsync();
        while (_receiver.Events.Count == 0)
        {
            await Task.Delay(5);
        }

        await Task.Delay(100);
        Assert.That(delivered.IsCompleted, Is.False, "waiting an hour of the fake clock before the retry");

        while (!delivered.IsCompleted)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.WhenAny(delivered, Task.Delay(20));
        }

        await delivered;
        Assert.That(sandbox.Webhooks.Deliveries.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Products_added_again_without_webhooks_and_cleared_state_stop_the_notifications()
    {
        Sandbox.Products.Add(Product);
        Sandbox.Requests.Add(r => r.Product(Product));
        Sandbox.Products.Add("PRD-666-000-002", p => p.EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));
        Sandbox.ClearState();
        Sandbox.Requests.Add(r => r.Product("PRD-666-000-002"));
        await Sandbox.Webhooks.WhenDeliveredAsync();

        Assert.That(_receiver.Events, Is.Empty);
    }

    [Test]
    public async Task Disposing_the_sandbox_abandons_a_notification_that_hangs()
    {
        _receiver.OnEvent = _ => new Reply(202, "{}", TimeSpan.FromSeconds(60));
        var sandbox = await ConnectSandbox.StartAsync();
        sandbox.Products.Add(Product, p => p.EventsWebhook(_receiver.EventsUrl, WebhookReceiver.Secret));
        sandbox.Requests.Add(r => r.Product(Product));
        while (_receiver.Events.Count == 0)
        {
            await Task.Delay(5);
        }

        await sandbox.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(sandbox.Webhooks.Deliveries.Single().Problem, Is.EqualTo("The sandbox stopped before the webhook answered."));
    }
}
