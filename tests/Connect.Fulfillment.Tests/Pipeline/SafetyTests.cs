using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Isolation, timeouts, stand-down, reconciliation and the bounded retry of a transition within the run.</summary>
public class SafetyTests : PipelineTestBase
{
    [Test]
    public async Task A_throwing_handler_only_affects_its_own_request()
    {
        var ids = Enumerable.Range(0, 5).Select(i => AddRequest(subscriptionId: $"SUB-{i}")).ToList();
        var broken = ids[2];
        var handler = new DelegateHandler(c => c.RequestId == broken
            ? throw new InvalidOperationException("vendor SDK bug")
            : RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 1).RunOnceAsync();

        var result = ResultOf(summary, broken);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(result.Reason, Does.Contain("InvalidOperationException").And.Contain("vendor SDK bug"));
            Assert.That(summary.Approved, Is.EqualTo(4));
            Assert.That(summary.RetryLater, Is.EqualTo(1));
            Assert.That(Sandbox.GetRequestStatus(broken), Is.EqualTo("pending"));
            Assert.That(Writes(broken), Is.Empty);
            Assert.That(summary.ToString(), Does.Contain(broken), "the report names the request");
        });
    }

    [Test]
    public async Task A_handler_that_does_not_decide_in_time_is_retry_later_and_the_others_go_on()
    {
        var slow = AddRequest(subscriptionId: "SUB-SLOW");
        var fast = AddRequest(subscriptionId: "SUB-FAST");
        var handler = new DelegateHandler(async (c, token) =>
        {
            if (c.RequestId == slow)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.HandlerTimeout = TimeSpan.FromMilliseconds(200)).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, slow).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, slow).Reason, Does.Contain("did not decide within"));
            Assert.That(ResultOf(summary, fast).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(summary.Cancelled, Is.False);
            Assert.That(Writes(slow), Is.Empty);
        });
    }

    [Test]
    public async Task The_pipeline_stands_down_when_Connect_refuses_a_transition_because_the_status_changed_while_the_handler_ran()
    {
        var id = AddRequest();
        var handler = new DelegateHandler(async (c, token) =>
        {
            // Someone else (another processor, an operator in the portal) fails the request meanwhile.
            await Client.FailRequestAsync(c.RequestId, "cancelled by an operator", token);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(result.Reason, Does.Contain("now failed").And.Contain("approve not applied"));
            Assert.That(Sandbox.CallLog.Where(e => e.Matches("POST", $"/requests/{id}/approve")).Select(e => e.StatusCode), Is.EqualTo(new[] { 400 }), "sent once, optimistically, and refused");
            Assert.That(CountCalls("GET", $"/requests/{id}"), Is.EqualTo(1), "re-read once, after the refusal");
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("failed"));
            Assert.That(summary.Approved + summary.Failed, Is.Zero, "the operator's fail is not counted as the run's");
        });
    }

    [Test]
    public async Task The_pipeline_stands_down_when_Connect_refuses_the_parameters_of_a_request_that_moved_on()
    {
        var id = AddRequest();
        var handler = new DelegateHandler(async (c, token) =>
        {
            await Client.ApproveRequestAsync(c.RequestId, ApproveRequest.WithTemplate(TemplateId), token);
            c.SetParameter("subscription_id", "SUB-2");
            return RequestOutcome.Fail("late decision");
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Skipped));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("now approved").And.Contain("parameters not written and fail not applied"));
        Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/approve", $"PUT /requests/{id}" }), "the other actor's approve, then our refused write; no fail");
        Assert.That(Sandbox.CallLog.Where(e => e.Matches("PUT", $"/requests/{id}")).Last().StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task A_lost_approve_response_is_reconciled_by_re_reading_and_never_re_sent()
    {
        var id = AddRequest();
        var lost = Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).LoseResponse());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(lost.FiredCount, Is.EqualTo(1));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
            Assert.That(summary.Results, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_lost_fail_response_with_a_dropped_connection_is_reconciled_too()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/fail").OnCall(1).LoseResponse(abortConnection: true));
        var handler = new DelegateHandler(_ => RequestOutcome.Fail("no such tenant"));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(CountCalls("POST", $"/requests/{id}/fail"), Is.EqualTo(1));
        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That(ResultOf(summary, id).Reason, Is.EqualTo("no such tenant"));
    }

    [Test]
    public async Task An_approve_unconfirmed_on_every_attempt_is_sent_the_bounded_number_of_times_then_retry_later()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").ServerError(503));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var result = ResultOf(summary, id);
        var attempts = new FulfillmentPipelineOptions().MaxTransitionAttempts;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(result.Reason, Does.Contain("did not confirm the approve").And.Contain("still pending").And.Contain($"after {attempts} attempts"));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(attempts));
            Assert.That(EachApproveAfterTheFirstFollowsAReRead(id), Is.True, "each new attempt follows a re-read that shows it was not applied");
            Assert.That(handler.Calls, Is.EqualTo(1), "the request is handled once in the run");
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
        });
    }

    [Test]
    public async Task A_hanging_approve_is_retry_later_after_the_client_timeout_on_each_attempt()
    {
        using var client = CreateClient(TimeSpan.FromMilliseconds(300));
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").Hang());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxTransitionAttempts = 2, client: client).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(2));
        Assert.That(EachApproveAfterTheFirstFollowsAReRead(id), Is.True);
    }

    [Test]
    public async Task A_lost_approve_that_cannot_be_re_read_is_retry_later_and_never_re_sent()
    {
        var id = AddRequest();
        var approveSent = 0;
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").When(_ => Interlocked.Exchange(ref approveSent, 1) == 0).LoseResponse());
        Sandbox.Faults.Add(FaultRule.For("GET", $"/requests/{id}").When(_ => Volatile.Read(ref approveSent) == 1).ServerError());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(result.Reason, Does.Contain("could not be re-read"));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
            Assert.That(summary.Results, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_failed_parameter_write_prevents_the_transition()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("PUT", "/requests/*").ServerError());
        var handler = new DelegateHandler(c =>
        {
            c.SetParameter("subscription_id", "SUB-9");
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("could not write parameters subscription_id"));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.Zero);
        Assert.That(CountCalls("PUT", $"/requests/{id}"), Is.EqualTo(4 * new FulfillmentPipelineOptions().MaxTransitionAttempts), "the client's four tries, on each of the run's attempts");
    }

    [Test]
    public async Task A_failing_list_stops_the_run_with_the_partial_summary()
    {
        AddRequest();
        Sandbox.Faults.Add(FaultRule.For("GET", "/requests").When(c => c.Query.Contains("limit", StringComparison.Ordinal)).ServerError());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var error = Assert.ThrowsAsync<FulfillmentRunException>(() => CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync());

        Assert.That(error!.Message, Does.Contain("Listing fulfillment requests failed"));
        Assert.That(error.InnerException, Is.InstanceOf<ConnectApiException>());
        Assert.That(error.Summary.Results, Is.Empty);
    }

    /// <summary>Whether every approve after the first follows a successful re-read made since the previous approve.</summary>
    private bool EachApproveAfterTheFirstFollowsAReRead(string id)
    {
        var calls = Sandbox.CallLog.Where(e => e.RelativePath.StartsWith($"/requests/{id}", StringComparison.Ordinal)).OrderBy(e => e.Sequence).ToList();
        var approves = calls.Where(e => e.Matches("POST", $"/requests/{id}/approve")).ToList();
        return approves.Zip(approves.Skip(1)).All(pair => calls.Any(e => e.Sequence > pair.First.Sequence && e.Sequence < pair.Second.Sequence
            && e.Method == "GET" && e.StatusCode == 200 && e.Fault is null));
    }
}
