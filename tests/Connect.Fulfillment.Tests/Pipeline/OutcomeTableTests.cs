using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>The one table that maps outcomes to transitions, statuses and report words.</summary>
public class OutcomeTableTests
{
    [TestCase(OutcomeKind.Approve, "approve", RequestResultStatus.Approved, "approved")]
    [TestCase(OutcomeKind.Fail, "fail", RequestResultStatus.Failed, "failed")]
    [TestCase(OutcomeKind.Inquire, "inquire", RequestResultStatus.Inquired, "inquiring")]
    [TestCase(OutcomeKind.Pend, "pend", RequestResultStatus.Pended, "pending")]
    public void A_transition_outcome_has_its_call_target_and_result(OutcomeKind kind, string transition, RequestResultStatus result, string target)
    {
        var rule = OutcomeTable.Of(kind);

        Assert.Multiple(() =>
        {
            Assert.That(rule.Kind, Is.EqualTo(kind));
            Assert.That(rule.Transition, Is.EqualTo(transition));
            Assert.That(rule.Status, Is.EqualTo(result));
            Assert.That(rule.Target, Is.EqualTo(new RequestStatus(target)));
            Assert.That(rule.Call, Is.Not.Null);
        });
    }

    [TestCase(OutcomeKind.Skip, RequestResultStatus.Skipped)]
    [TestCase(OutcomeKind.RetryLater, RequestResultStatus.RetryLater)]
    public void Skip_and_retry_later_make_no_transition_and_report_their_reason(OutcomeKind kind, RequestResultStatus result)
    {
        var rule = OutcomeTable.Of(kind);

        Assert.Multiple(() =>
        {
            Assert.That(rule.Call, Is.Null);
            Assert.That(rule.Target, Is.Null);
            Assert.That(rule.Status, Is.EqualTo(result));
            Assert.That(rule.ReportsReason, Is.True);
        });
    }

    [Test]
    public void Each_transition_is_made_only_from_the_statuses_it_makes_sense_in()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OutcomeTable.Of(OutcomeKind.Approve).AllowedFrom, Is.EquivalentTo(new[] { RequestStatus.Pending, RequestStatus.Inquiring }));
            Assert.That(OutcomeTable.Of(OutcomeKind.Fail).AllowedFrom, Is.EquivalentTo(new[] { RequestStatus.Pending, RequestStatus.Inquiring }));
            Assert.That(OutcomeTable.Of(OutcomeKind.Inquire).AllowedFrom, Is.EqualTo(new[] { RequestStatus.Pending }));
            Assert.That(OutcomeTable.Of(OutcomeKind.Pend).AllowedFrom, Is.EqualTo(new[] { RequestStatus.Inquiring }));
            Assert.That(OutcomeTable.Of(OutcomeKind.Fail).ReportsReason, Is.True, "a fail reports the reason shown to the customer");
            Assert.That(OutcomeTable.Of(OutcomeKind.Approve).ReportsReason, Is.False);
        });
    }

    [Test]
    public void Every_outcome_has_a_rule_and_every_result_status_a_word()
    {
        Assert.Multiple(() =>
        {
            foreach (var kind in Enum.GetValues<OutcomeKind>())
            {
                Assert.That(OutcomeTable.Of(kind).Kind, Is.EqualTo(kind));
            }

            Assert.That(Enum.GetValues<RequestResultStatus>().Select(RunSummary.NameOf), Is.EqualTo(new[] { "approved", "failed", "inquired", "pended", "skipped", "retry-later", "ignored" }));
            Assert.That(() => OutcomeTable.Of((OutcomeKind)42), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_dry_run_says_what_it_would_do_and_what_it_did_not_look_up()
    {
        var options = new FulfillmentPipelineOptions();

        Assert.Multiple(() =>
        {
            Assert.That(OutcomeTable.Describe(RequestOutcome.Approve(), options), Is.EqualTo("approve with the default template 'Default Activation Template' (not looked up)"));
            Assert.That(OutcomeTable.Describe(RequestOutcome.Approve(), new FulfillmentPipelineOptions { ApproveTemplateId = "TL-9" }), Is.EqualTo("approve with the default template TL-9"));
            Assert.That(OutcomeTable.Describe(RequestOutcome.Approve("TL-1"), options), Is.EqualTo("approve with template TL-1"));
            Assert.That(OutcomeTable.Describe(RequestOutcome.ApproveWithTemplateName("Gold"), options), Is.EqualTo("approve with template 'Gold' (not looked up)"));
            Assert.That(OutcomeTable.Describe(RequestOutcome.Inquire([ParameterUpdate.WithError("a", "bad")]), options), Is.EqualTo("inquire about a"));
            Assert.That(OutcomeTable.Describe(RequestOutcome.Fail("no"), options), Is.EqualTo("fail: no"));
        });
    }
}
