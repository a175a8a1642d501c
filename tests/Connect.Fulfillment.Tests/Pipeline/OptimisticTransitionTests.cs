using System.Text.Json.Nodes;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>
/// Transitions are sent from the request as listed, with no read first: one Connect call per request on the happy
/// path. The request is re-read only when Connect refuses a call (someone else got there first: skipped, naming who)
/// or when the answer is lost (reconciled, and sent again within the run only once a re-read proves it was not applied).
/// </summary>
public class OptimisticTransitionTests : PipelineTestBase
{
    private const string OperatorId = "UR-111-222-333";

    /// <summary>The calls about one request (its own path), not the listings or template lookups.</summary>
    private List<CallLogEntry> CallsAbout(string id)
        => Sandbox.CallLog.Where(e => e.RelativePath.StartsWith($"/requests/{id}", StringComparison.Ordinal)
            || e.RelativePath.StartsWith($"/tier/config-requests/{id}", StringComparison.Ordinal)).ToList();

    private static bool IsListing(CallLogEntry call) => call.Method == "GET" && call.RelativePath is "/requests" or "/tier/config-requests";

    [Test]
    public async Task The_happy_path_costs_one_Connect_call_per_request_besides_the_listing()
    {
        Sandbox.Products.Add(Product, p => p.Template(TemplateId).Template("TL-T1", scope: "tier1", type: null));
        var requests = Enumerable.Range(0, 30).Select(i => AddRequest(subscriptionId: $"SUB-{i}")).ToList();
        var failed = requests.Where((_, i) => i % 3 == 0).ToHashSet();
        var tiers = Enumerable.Range(0, 5).Select(_ => Sandbox.TierConfigRequests.Add(t => t.Type("setup").Product(Product).TierLevel(1))).ToList();
        var handlers = new FulfillmentHandlers()
            .Add(RequestType.Cancel, new DelegateHandler(c => failed.Contains(c.RequestId) ? RequestOutcome.Fail("unknown tenant") : RequestOutcome.Approve(TemplateId)))
            .AddTierConfig(TierConfigRequestType.Setup, new DelegateTierHandler(_ => RequestOutcome.Approve("TL-T1")));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        var perRequest = requests.Concat(tiers).ToDictionary(id => id, id => CallsAbout(id).Select(e => $"{e.Method} {e.RelativePath}").ToList());
        Assert.Multiple(() =>
        {
            Assert.That(summary.Approved, Is.EqualTo(25));
            Assert.That(summary.Failed, Is.EqualTo(10));
            Assert.That(perRequest.Where(p => p.Value.Count != 1).Select(p => $"{p.Key}: {string.Join(", ", p.Value)}"), Is.Empty, "exactly one call per request: its transition");
            Assert.That(Sandbox.CallLog.Count(e => !IsListing(e)), Is.EqualTo(35), "nothing but the listing and the 35 transitions");
            Assert.That(Sandbox.CallLog.Count(e => e.Method == "GET" && !IsListing(e)), Is.Zero, "no re-read");
        });
    }

    [Test]
    public async Task Parameters_are_written_and_the_request_transitioned_without_a_read()
    {
        var id = AddRequest("purchase");
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(c => RequestOutcome.Approve(TemplateId).WithParameter("subscription_id", "SUB-9")));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(CallsAbout(id).Select(e => $"{e.Method} {e.RelativePath}"), Is.EqualTo(new[] { $"PUT /requests/{id}", $"POST /requests/{id}/approve" }));
    }

    [Test]
    public async Task An_operator_who_approved_first_is_named_and_the_run_does_not_count_the_approval_as_its_own()
    {
        var id = AddRequest(configure: r => r.Configure(request => request["events"] = Events("2026-12-02T10:00:00+00:00", OperatorId, "Jane Operator")));
        var handler = new DelegateHandler(async (c, token) =>
        {
            // The operator approves in the portal while the handler works.
            await Client.ApproveRequestAsync(c.RequestId, ApproveRequest.WithTemplate(TemplateId), token);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(result.Reason, Is.EqualTo($"the request is now approved (updated 2026-12-02 10:00:00Z by Jane Operator, {OperatorId}); approve not applied"));
            Assert.That(summary.Approved, Is.Zero, "the operator's approval is not the run's");
            Assert.That(summary.Skipped, Is.EqualTo(1));
            Assert.That(summary.ToString(), Does.Contain("by Jane Operator"));
            Assert.That(Sandbox.CallLog.Where(e => e.Matches("POST", $"/requests/{id}/approve")).Select(e => e.StatusCode), Is.EqualTo(new[] { 200, 400 }), "the operator's approve, then ours, refused");
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task Without_events_the_stand_down_gives_the_time_of_the_last_update()
    {
        var id = AddRequest();
        var handler = new DelegateHandler(async (c, token) =>
        {
            await Client.FailRequestAsync(c.RequestId, "cancelled by an operator", token);
            return RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Reason, Does.Match(@"^the request is now failed \(updated \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\); approve not applied$"));
    }

    [Test]
    public async Task Who_did_what_is_printed_on_one_line_whatever_Connect_sends_as_the_name()
    {
        var id = AddRequest(configure: r => r.Configure(request => request["events"] = Events("2026-12-02T10:00:00+00:00", "UR-1\r\nX", "Eve\r\nPR-9 approved\u202E\u0007")));
        var handler = new DelegateHandler(async (c, token) =>
        {
            await Client.ApproveRequestAsync(c.RequestId, ApproveRequest.WithTemplate(TemplateId), token);
            return RequestOutcome.Fail("late");
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        var reason = ResultOf(summary, id).Reason;
        Assert.That(reason, Is.EqualTo("the request is now approved (updated 2026-12-02 10:00:00Z by EvePR-9 approved); fail not applied"), "control and format characters dropped, an id that is not a Connect id left out");
    }

    [Test]
    public async Task An_approve_answered_5xx_and_not_applied_is_sent_again_and_approved_in_the_same_run()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).ServerError(502));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(summary.Approved, Is.EqualTo(1));
            Assert.That(CallsAbout(id).Select(e => $"{e.Method} {e.RelativePath} {e.StatusCode}"), Is.EqualTo(new[]
            {
                $"POST /requests/{id}/approve 502",
                $"GET /requests/{id} 200",
                $"GET /requests/{id} 200",
                $"POST /requests/{id}/approve 200",
            }), "re-read after the lost answer, and again just before sending it again");
            Assert.That(handler.Calls, Is.EqualTo(1), "the handler (and so the vendor) is not called again");
        });
    }

    [Test]
    public async Task A_fail_whose_connection_dropped_before_Connect_applied_it_is_sent_again_in_the_same_run()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/fail").OnCall(1).DropConnection());
        var handler = new DelegateHandler(_ => RequestOutcome.Fail("no such tenant"));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That(ResultOf(summary, id).Reason, Is.EqualTo("no such tenant"));
        Assert.That(CountCalls("POST", $"/requests/{id}/fail"), Is.EqualTo(2));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("failed"));
    }

    [Test]
    public async Task A_parameter_write_that_outlasts_the_client_retries_is_written_again_in_the_same_run()
    {
        var id = AddRequest("purchase");
        Sandbox.Faults.Add(FaultRule.For("PUT", "/requests/*").ForNextCalls(4).ServerError(503));
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId).WithParameter("subscription_id", "SUB-9")));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(CountCalls("PUT", $"/requests/{id}"), Is.EqualTo(5), "four answered 503 (the client's own tries), then the run's second attempt");
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-9"));
    }

    [Test]
    public async Task A_template_lookup_that_outlasts_the_client_retries_is_tried_again_in_the_same_run()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("GET", $"/products/{Product}/templates").ForNextCalls(4).ServerError());
        var handler = new DelegateHandler(_ => RequestOutcome.Approve());

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.EqualTo(5), "four failed tries, then the run's second attempt");
    }

    [Test]
    public async Task With_one_attempt_an_unconfirmed_transition_is_not_sent_again()
    {
        var id = AddRequest();
        Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").OnCall(1).ServerError(502));
        var handler = new DelegateHandler(_ => RequestOutcome.Approve(TemplateId));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxTransitionAttempts = 1).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("after 1 attempt and is retried next run"));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_tier_config_request_approved_by_someone_else_first_is_skipped_naming_who()
    {
        Sandbox.Products.Add(Product, p => p.Template(TemplateId).Template("TL-T1", scope: "tier1", type: null));
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Type("setup").Product(Product).TierLevel(1)
            .Configure(request => request["events"] = Events("2026-12-01T08:30:00+00:00", "SU-376-975-690", "Reseller Portal")));
        var handlers = new FulfillmentHandlers().AddTierConfig(TierConfigRequestType.Setup, new ApprovedElsewhereTierHandler(Client));

        var summary = await CreatePipeline(handlers).RunOnceAsync();

        Assert.That(ResultOf(summary, tcr).Status, Is.EqualTo(RequestResultStatus.Skipped));
        Assert.That(ResultOf(summary, tcr).Reason, Is.EqualTo("the request is now approved (updated 2026-12-01 08:30:00Z by Reseller Portal, SU-376-975-690); approve not applied"));
        Assert.That(summary.Approved, Is.Zero);
    }

    private static JsonObject Events(string at, string byId, string byName) => new()
    {
        ["created"] = new JsonObject { ["at"] = "2026-12-01T00:00:00+00:00" },
        ["updated"] = new JsonObject { ["at"] = at, ["by"] = new JsonObject { ["id"] = byId, ["name"] = byName } },
    };

    /// <summary>A reseller portal approves the tier configuration while the handler works; the handler then approves too.</summary>
    private sealed class ApprovedElsewhereTierHandler(ConnectClient client) : ITierConfigRequestHandler
    {
        public async Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default)
        {
            await client.ApproveTierConfigRequestAsync(context.Request.Id!, "TL-T1", cancellationToken);
            return RequestOutcome.Approve("TL-T1");
        }
    }
}
