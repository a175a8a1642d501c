using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>
/// The one read before the handler: a claim that says a listed request may have changed since it was listed (a lease
/// just taken) makes the processor re-read it, and a request that moved on never reaches the handler or the vendor.
/// </summary>
public class ConfirmBeforeHandlingTests : PipelineTestBase
{
    private ServiceProvider services = null!;

    [SetUp]
    public void CreateServices() => services = new ServiceCollection().BuildServiceProvider();

    [TearDown]
    public void DisposeServices() => services.Dispose();

    private async Task<(WorkItem Listed, RequestProcessor Processor, DelegateHandler Handler)> ListAsync(string id, RequestClaim claim)
    {
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));
        var handlers = new FulfillmentHandlers().Add(RequestType.Cancel, handler);
        var options = new FulfillmentPipelineOptions { Products = [Product] };
        var operations = new FulfillmentOperations(Client, handlers, new RequestQuery { ProductIds = [Product], Statuses = [RequestStatus.Pending] }, [RequestStatus.Pending]);
        var listed = (await operations.ListPageAsync(0, CancellationToken.None)).Items.Single(i => i.Id == id);
        var processor = new RequestProcessor(options, services, new OutcomeApplier(options, new TemplateResolver(Client), TimeProvider.System), claim, Connect.Fulfillment.Client.Internal.SecretText.None, NullLogger.Instance, TimeProvider.System);
        return (listed, processor, handler);
    }

    [Test]
    public async Task A_request_approved_after_it_was_listed_is_skipped_without_calling_the_handler()
    {
        var id = AddRequest(configure: r => r.Configure(request => request["events"] = new System.Text.Json.Nodes.JsonObject
        {
            ["updated"] = new System.Text.Json.Nodes.JsonObject { ["at"] = "2026-12-02T11:00:00+00:00", ["by"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "UR-1-2-3", ["name"] = "Replica B" } },
        }));
        var (listed, processor, handler) = await ListAsync(id, new ConfirmingClaim());
        await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        Sandbox.CallLog.Clear();

        var processed = await processor.ProcessAsync(listed, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(processed.Report.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(processed.Report.Reason, Is.EqualTo("the request is now approved (updated 2026-12-02 11:00:00Z by Replica B, UR-1-2-3); the handler was not called"));
            Assert.That(processed.FinalStatus, Is.EqualTo(RequestStatus.Approved));
            Assert.That(handler.Calls, Is.Zero, "the handler (and its vendor call) is never reached");
            Assert.That(Sandbox.CallLog.Entries.Select(e => $"{e.Method} {e.RelativePath}"), Is.EqualTo(new[] { $"GET /requests/{id}" }), "one read, nothing written");
        });
    }

    [Test]
    public async Task A_request_still_pending_is_handled_from_the_fresh_copy_with_one_read_and_one_transition()
    {
        var id = AddRequest();
        var (listed, processor, handler) = await ListAsync(id, new ConfirmingClaim());
        Sandbox.CallLog.Clear();

        var processed = await processor.ProcessAsync(listed, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(processed.Report.Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(handler.Calls, Is.EqualTo(1));
            Assert.That(Sandbox.CallLog.Entries.Select(e => $"{e.Method} {e.RelativePath}"), Is.EqualTo(new[] { $"GET /requests/{id}", $"POST /requests/{id}/approve" }));
        });
    }

    [Test]
    public async Task A_request_that_cannot_be_re_read_is_retry_later_without_calling_the_handler()
    {
        var id = AddRequest();
        var (listed, processor, handler) = await ListAsync(id, new ConfirmingClaim());
        Sandbox.Faults.Add(Testing.FaultRule.For("GET", $"/requests/{id}").ServerError(500));

        var processed = await processor.ProcessAsync(listed, CancellationToken.None);

        Assert.That(processed.Report.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(processed.Report.Reason, Does.StartWith("the request could not be re-read before its handler").And.EndWith("nothing was applied"));
        Assert.That(handler.Calls, Is.Zero);
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_claim_that_does_not_ask_for_it_costs_no_read()
    {
        var id = AddRequest();
        var (listed, processor, handler) = await ListAsync(id, RequestClaim.Everything);
        Sandbox.CallLog.Clear();

        var processed = await processor.ProcessAsync(listed, CancellationToken.None);

        Assert.That(RequestClaim.Everything.ConfirmsBeforeHandling, Is.False);
        Assert.That(processed.Report.Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(handler.Calls, Is.EqualTo(1));
        Assert.That(Sandbox.CallLog.Entries.Select(e => $"{e.Method} {e.RelativePath}"), Is.EqualTo(new[] { $"POST /requests/{id}/approve" }));
    }

    /// <summary>Stands for a lease: takes every request and says a request may have changed since it was listed.</summary>
    private sealed class ConfirmingClaim : RequestClaim
    {
        public override bool ConfirmsBeforeHandling => true;
    }
}
