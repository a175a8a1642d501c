using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Each outcome makes exactly the Connect calls it should, read from the sandbox call log.</summary>
public class OutcomeTests : PipelineTestBase
{
    private async Task<(string Id, RequestResult Result)> RunAsync(Func<FulfillmentRequestContext, RequestOutcome> decide, string status = "pending", Action<FulfillmentPipelineOptions>? configure = null)
    {
        var id = AddRequest("purchase", status);
        var statuses = status == "inquiring" ? new[] { RequestStatus.Inquiring } : [];
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(decide), statuses);
        var summary = await CreatePipeline(handlers, configure).RunOnceAsync();
        return (id, ResultOf(summary, id));
    }

    private string? BodyOf(string method, string path, string field)
        => (string?)Sandbox.CallLog.Where(e => e.Method == method && e.RelativePath == path).Single().ParseBody()?[field];

    [Test]
    public async Task Approve_with_a_template_id_posts_approve_with_that_id()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Approve(TemplateId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/approve" }));
            Assert.That(BodyOf("POST", $"/requests/{id}/approve", "template_id"), Is.EqualTo(TemplateId));
            Assert.That(CountCalls("GET", $"/requests/{id}"), Is.Zero, "no re-read: the transition is decided from the listed request");
            Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.Zero, "no lookup for a template id");
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task Approve_with_the_default_template_looks_the_name_up_and_posts_its_id()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Approve());

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(BodyOf("POST", $"/requests/{id}/approve", "template_id"), Is.EqualTo(TemplateId));
        Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.EqualTo(1));
    }

    [Test]
    public async Task Approve_with_the_configured_template_id_skips_the_lookup()
    {
        Sandbox.Products.Add(Product, p => p.Template(TemplateId).Template("TL-2", name: "Other"));
        var (id, _) = await RunAsync(_ => RequestOutcome.Approve(), configure: o => o.ApproveTemplateId = "TL-2");

        Assert.That(BodyOf("POST", $"/requests/{id}/approve", "template_id"), Is.EqualTo("TL-2"));
        Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.Zero);
    }

    [Test]
    public async Task Approve_with_a_tile_posts_the_tile()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.ApproveWithTile("# Ready"));

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(BodyOf("POST", $"/requests/{id}/approve", "activation_tile"), Is.EqualTo("# Ready"));
    }

    [Test]
    public async Task Fail_posts_fail_with_the_reason()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Fail("Out of stock"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(result.Reason, Is.EqualTo("Out of stock"));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/fail" }));
            Assert.That(BodyOf("POST", $"/requests/{id}/fail", "reason"), Is.EqualTo("Out of stock"));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task Inquire_puts_the_value_error_then_posts_inquire()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Inquire([ParameterUpdate.WithError("subscription_id", "Unknown tenant")]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Inquired));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"PUT /requests/{id}", $"POST /requests/{id}/inquire" }));
            var put = Sandbox.CallLog.Where(e => e.Method == "PUT").Single().ParseBody()!;
            var param = put["asset"]!["params"]!.AsArray().Single()!;
            Assert.That((string?)param["id"], Is.EqualTo("subscription_id"));
            Assert.That((string?)param["value_error"], Is.EqualTo("Unknown tenant"));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("inquiring"));
        });
    }

    [Test]
    public async Task Inquire_with_a_template_sends_its_id()
    {
        Sandbox.Products.Add(Product, p => p.Template(TemplateId).Template("TL-INQ", name: "Inquire", type: "inquire"));
        var (id, result) = await RunAsync(_ => RequestOutcome.Inquire([ParameterUpdate.WithError("subscription_id", "Unknown tenant")], "TL-INQ"));

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Inquired));
        Assert.That(BodyOf("POST", $"/requests/{id}/inquire", "template_id"), Is.EqualTo("TL-INQ"));
    }

    [Test]
    public async Task Pend_posts_pend_on_an_inquiring_request()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Pend(), status: "inquiring");

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Pended));
        Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/pend" }));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Skip_makes_no_transition_and_reports_the_reason()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.Skip("handled by the legacy system"));

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
        Assert.That(result.Reason, Is.EqualTo("handled by the legacy system"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(CountCalls("GET", $"/requests/{id}"), Is.Zero);
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task RetryLater_makes_no_transition_and_reports_the_reason()
    {
        var (id, result) = await RunAsync(_ => RequestOutcome.RetryLater("vendor maintenance"));

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(result.Reason, Is.EqualTo("vendor maintenance"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Parameter_writes_happen_before_the_transition()
    {
        var (id, result) = await RunAsync(c =>
        {
            c.SetParameter("subscription_id", "SUB-NEW");
            return RequestOutcome.Approve(TemplateId);
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"PUT /requests/{id}", $"POST /requests/{id}/approve" }));
            Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-NEW"));
            var asset = Sandbox.GetAsset(Sandbox.GetRequestAssetId(id)!)!;
            Assert.That(asset["params"]!.AsArray().Any(p => (string?)p!["id"] == "subscription_id" && (string?)p["value"] == "SUB-NEW"), Is.True, "the approved asset carries the written value");
        });
    }

    [Test]
    public async Task Parameter_writes_of_a_retry_later_are_kept_without_a_transition()
    {
        var (id, result) = await RunAsync(c =>
        {
            c.SetParameter("subscription_id", "SUB-PARTIAL");
            return RequestOutcome.RetryLater("step 1 of 2 done");
        });

        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(Writes(id), Is.EqualTo(new[] { $"PUT /requests/{id}" }));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-PARTIAL"));
    }

    [Test]
    public async Task A_refused_transition_is_retry_later_with_the_error()
    {
        var id = Sandbox.Requests.Add(r => r.Type("purchase").Product(Product).Parameter("subscription_id", value: null, required: true));
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId)));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(result.Reason, Does.Contain("refused").And.Contain("REQ_005"));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
    }
}
