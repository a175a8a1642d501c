using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>What a handler can do besides deciding: read, talk to the customer, and send parameter writes with its outcome.</summary>
public class HandlerContextTests : PipelineTestBase
{
    [Test]
    public async Task Parameters_sent_with_the_outcome_are_written_before_the_transition_and_win_over_the_context()
    {
        var id = AddRequest("purchase");
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(c =>
        {
            c.SetParameter("subscription_id", "SUB-FROM-CONTEXT");
            return RequestOutcome.Approve(TemplateId).WithParameter("subscription_id", "SUB-FROM-OUTCOME");
        }));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"PUT /requests/{id}", $"POST /requests/{id}/approve" }));
            Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-FROM-OUTCOME"));
        });
    }

    [Test]
    public void WithParameters_returns_a_new_outcome_and_keeps_the_decision()
    {
        var original = RequestOutcome.Fail("no stock");

        var withParameters = original.WithParameters(ParameterUpdate.WithValue("a", "1"), ParameterUpdate.WithValue("a", "2"), ParameterUpdate.WithValue("b", "3"));

        Assert.Multiple(() =>
        {
            Assert.That(original.ParameterUpdates, Is.Empty);
            Assert.That(withParameters.Kind, Is.EqualTo(OutcomeKind.Fail));
            Assert.That(withParameters.Reason, Is.EqualTo("no stock"));
            Assert.That(withParameters.ParameterUpdates.Select(p => (p.Id, p.Value)), Is.EqualTo(new[] { ("a", (string?)"2"), ("b", (string?)"3") }));
        });
    }

    [Test]
    public async Task A_handler_reads_through_its_context_and_writes_to_the_customer()
    {
        var id = AddRequest("purchase");
        Asset? asset = null;
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(async (c, token) =>
        {
            asset = await c.Connect.GetAssetAsync(c.Request.Asset!.Id!, token);
            await c.Connect.AddConversationMessageAsync("Your subscription is being set up.", token);
            return RequestOutcome.Approve(TemplateId);
        }));

        await CreatePipeline(handlers).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(asset?.Id, Is.EqualTo(Sandbox.GetRequestAssetId(id)));
            Assert.That(Sandbox.GetMessages(id).Select(m => (string?)m["text"]), Is.EqualTo(new[] { "Your subscription is being set up." }));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task A_dry_run_writes_no_message_to_the_customer()
    {
        var id = AddRequest("purchase");
        ConversationMessage? written = new();
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(async (c, token) =>
        {
            written = await c.Connect.AddConversationMessageAsync("Your subscription is being set up.", token);
            return RequestOutcome.Approve(TemplateId);
        }));

        await CreatePipeline(handlers, o => o.DryRun = true).RunOnceAsync();

        Assert.That(written, Is.Null);
        Assert.That(Sandbox.GetMessages(id), Is.Empty);
        Assert.That(Sandbox.CallLog.Count(e => e.Method is "PUT" or "POST"), Is.Zero);
    }
}
