using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Tier configuration requests, their order relative to fulfillment requests, and the single-request entry points.</summary>
public class TierConfigAndSingleRequestTests : PipelineTestBase
{
    [SetUp]
    public void AddTierTemplate() =>
        Sandbox.Products.Add(Product, p => p.Template(TemplateId).Template("TL-T1", scope: "tier1", type: null, body: "Reseller {{ reseller_id }} is set up."));

    private string AddTcr(string type = "setup", string status = "pending")
        => Sandbox.TierConfigRequests.Add(t => t.Type(type).Status(status).Product(Product).TierLevel(1).Parameter("reseller_id", value: "RS-1"));

    [Test]
    public async Task Tier_config_requests_are_processed_before_fulfillment_requests()
    {
        var tcr = AddTcr();
        var request = AddRequest();
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId)))
            .AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.Approve()));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        var entries = Sandbox.CallLog.Entries;
        long Seq(string method, string path) => entries.First(e => e.Method == method && e.RelativePath == path).Sequence;
        Assert.Multiple(() =>
        {
            Assert.That(summary.Results.Select(r => r.RequestId), Is.EqualTo(new[] { tcr, request }));
            Assert.That(ResultOf(summary, tcr).Kind, Is.EqualTo(RequestKind.TierConfiguration));
            Assert.That(ResultOf(summary, tcr).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Seq("POST", $"/tier/config-requests/{tcr}/approve"), Is.LessThan(Seq("GET", "/requests")), "TCRs are done before fulfillment requests are listed");
            Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task A_tier_config_approve_resolves_the_tier_template_and_posts_it()
    {
        var tcr = AddTcr();
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.Approve()));

        await CreatePipeline(handlers).RunOnceAsync();

        var approve = Sandbox.CallLog.Where(e => e.Method == "POST" && e.RelativePath == $"/tier/config-requests/{tcr}/approve").Single();
        Assert.That((string?)approve.ParseBody()?["template"]?["id"], Is.EqualTo("TL-T1"));
        Assert.That(Sandbox.CallLog.Where(e => e.RelativePath == $"/products/{Product}/templates").Single().Query, Does.Contain("tier1"));
    }

    [Test]
    public async Task Tier_config_requests_route_by_type_and_fail_with_the_reason()
    {
        var setup = AddTcr("setup");
        var update = AddTcr("update");
        var adjustment = AddTcr("adjustment");
        var handlers = new FulfillmentHandlers()
            .AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.Approve("TL-T1")))
            .AddTierConfig(TierConfigRequestType.Update, new DelegateTierHandler(_ => RequestOutcome.Fail("reseller unknown to the vendor")));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, setup).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(ResultOf(summary, update).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That((string?)Sandbox.CallLog.Where(e => e.RelativePath == $"/tier/config-requests/{update}/fail").Single().ParseBody()?["reason"], Is.EqualTo("reseller unknown to the vendor"));
            Assert.That(Sandbox.GetTierConfigRequestStatus(update), Is.EqualTo("failed"));
            Assert.That(ResultOf(summary, adjustment).Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(ResultOf(summary, adjustment).Reason, Does.Contain("no handler for adjustment"));
            Assert.That(Sandbox.GetTierConfigRequestStatus(adjustment), Is.EqualTo("pending"));
        });
    }

    [Test]
    public async Task An_outcome_that_cannot_be_applied_to_a_tier_config_request_does_not_stop_the_run()
    {
        var tcr = AddTcr();
        var request = AddRequest();
        var handlers = new FulfillmentHandlers()
            .AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.ApproveWithTile("tiles are for fulfillment requests")))
            .Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId)));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, tcr).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, tcr).Reason, Does.Contain("template"));
            Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("pending"));
            Assert.That(ResultOf(summary, request).Status, Is.EqualTo(RequestResultStatus.Approved));
        });
    }

    [Test]
    public async Task Tier_config_parameter_writes_happen_before_the_transition()
    {
        var tcr = AddTcr();
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(c =>
        {
            c.SetParameter("reseller_id", "RS-2");
            return RequestOutcome.Approve("TL-T1");
        }));

        await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(Writes(tcr), Is.EqualTo(new[] { $"PUT /tier/config-requests/{tcr}", $"POST /tier/config-requests/{tcr}/approve" }));
        Assert.That(Sandbox.GetTierConfigRequestParameterValue(tcr, "reseller_id"), Is.EqualTo("RS-2"));
    }

    [Test]
    public async Task Tier_config_requests_can_be_left_out()
    {
        AddTcr();
        var summary = await CreatePipeline(new FulfillmentHandlers(), o => o.ProcessTierConfigRequests = false).RunOnceAsync();

        Assert.That(summary.Results, Is.Empty);
        Assert.That(CountCalls("GET", "/tier/config-requests"), Is.Zero);
    }

    [Test]
    public async Task ProcessAsync_handles_one_request_by_id()
    {
        var id = AddRequest();
        var other = AddRequest();
        var pipeline = CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId))));

        var result = await pipeline.ProcessAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(result.RequestId, Is.EqualTo(id));
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
            Assert.That(Sandbox.GetRequestStatus(other), Is.EqualTo("pending"));
            Assert.That(CountCalls("GET", "/requests?"), Is.Zero, "no listing");
        });
    }

    [Test]
    public async Task ProcessAsync_skips_a_request_that_is_no_longer_pending()
    {
        var id = AddRequest(status: "approved");
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var result = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).ProcessAsync(id);

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
        Assert.That(result.Reason, Does.Contain("approved"));
        Assert.That(handler.Calls, Is.Zero);
        Assert.That(Writes(), Is.Empty);
    }

    [Test]
    public async Task ProcessAsync_reconciles_a_lost_answer_like_a_run()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(Testing.FaultRule.For("POST", "/requests/*/approve").OnCall(1).LoseResponse());

        var result = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId)))).ProcessAsync(id);

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
    }

    [Test]
    public async Task ProcessAsync_handles_one_tier_config_request_by_id()
    {
        var tcr = AddTcr();
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.Approve("TL-T1")));

        var result = await CreatePipeline(handlers).ProcessAsync(RequestKind.TierConfiguration, tcr);

        Assert.That(result.Kind, Is.EqualTo(RequestKind.TierConfiguration));
        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("approved"));
    }
}
