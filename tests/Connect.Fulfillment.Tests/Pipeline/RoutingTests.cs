using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Tests.Pipeline;

public class RoutingTests : PipelineTestBase
{
    private static readonly string[] KnownTypes = ["purchase", "change", "suspend", "resume", "cancel", "adjustment", "renew", "transfer"];

    [Test]
    public async Task Every_type_reaches_its_own_handler_and_an_unknown_type_is_skipped_and_counted()
    {
        var ids = KnownTypes.ToDictionary(t => t, t => AddRequest(t));
        var teleport = AddRequest("teleport");
        var seen = new ConcurrentDictionary<string, string>();
        var handlers = new FulfillmentHandlers();
        foreach (var type in KnownTypes)
        {
            var routed = type;
            handlers.Add(RequestType.From(type), new DelegateHandler(c =>
            {
                seen[c.RequestId] = routed;
                return RequestOutcome.Approve(TemplateId);
            }));
        }

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        foreach (var (type, id) in ids)
        {
            Assert.That(seen[id], Is.EqualTo(type), $"{type} request went to the {type} handler");
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, id).RequestType, Is.EqualTo(type));
        }

        Assert.That(seen.ContainsKey(teleport), Is.False);
        var skipped = ResultOf(summary, teleport);
        Assert.Multiple(() =>
        {
            Assert.That(skipped.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(skipped.Reason, Does.Contain("no handler for teleport"));
            Assert.That(summary.Skipped, Is.EqualTo(1));
            Assert.That(summary.Approved, Is.EqualTo(KnownTypes.Length));
            Assert.That(summary.Results, Has.Count.EqualTo(KnownTypes.Length + 1));
            Assert.That(Sandbox.GetRequestStatus(teleport), Is.EqualTo("pending"));
            Assert.That(Writes(teleport), Is.Empty);
        });
    }

    [Test]
    public async Task A_handler_for_a_type_Connect_adds_later_is_routed_by_its_name()
    {
        var id = AddRequest("teleport");
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.From("teleport"), handler)).RunOnceAsync();

        Assert.That(handler.Calls, Is.EqualTo(1));
        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
    }

    [Test]
    public async Task Statuses_route_to_separate_handlers()
    {
        var pending = AddRequest("purchase", "pending");
        var inquiring = AddRequest("purchase", "inquiring");
        var forPending = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var forInquiring = new DelegateHandler(_ => RequestOutcome.Pend());
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Purchase, forPending)
            .Add(RequestType.Purchase, forInquiring, RequestStatus.Inquiring);

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(forPending.Calls, Is.EqualTo(1));
            Assert.That(forInquiring.Calls, Is.EqualTo(1));
            Assert.That(ResultOf(summary, pending).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, inquiring).Status, Is.EqualTo(RequestResultStatus.Pended));
            Assert.That(Sandbox.GetRequestStatus(inquiring), Is.EqualTo("pending"));
            Assert.That(summary.Results, Has.Count.EqualTo(2), "the pended request is not picked up again in the same run");
        });
    }

    [Test]
    public async Task Inquiring_requests_are_not_listed_when_no_handler_takes_them()
    {
        AddRequest("purchase", "inquiring");
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Purchase, handler)).RunOnceAsync();

        Assert.That(summary.Results, Is.Empty);
        Assert.That(handler.Calls, Is.Zero);
    }

    [Test]
    public async Task A_pending_request_of_a_type_routed_only_for_inquiring_is_skipped()
    {
        var id = AddRequest("purchase", "pending");
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Purchase, new DelegateHandler(_ => RequestOutcome.Pend()), RequestStatus.Inquiring)
            .Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId)));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Skipped));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("no handler for purchase requests in status pending"));
    }

    [Test]
    public void Handlers_cannot_be_registered_for_statuses_that_cannot_be_acted_on()
    {
        var handlers = new FulfillmentHandlers();
        Assert.That(() => handlers.Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Pend()), RequestStatus.Approved),
            Throws.ArgumentException.With.Message.Contains("approved"));
    }

    [Test]
    public async Task Only_requests_of_the_configured_products_and_environments_are_listed()
    {
        var mine = AddRequest();
        var otherProduct = Sandbox.Requests.Add(r => r.Type("cancel").Product("PRD-OTHER"));
        var production = AddRequest(configure: r => r.Environment("production"));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var preview = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();
        Assert.That(preview.Results.Select(r => r.RequestId), Is.EqualTo(new[] { mine }));

        var prod = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.Environments = ["production"]).RunOnceAsync();
        Assert.That(prod.Results.Select(r => r.RequestId), Is.EqualTo(new[] { production }));
        Assert.That(Sandbox.GetRequestStatus(otherProduct), Is.EqualTo("pending"));
    }
}
