using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class RequestTransitionTests : ClientTestBase
{
    [Test]
    public async Task Approve_with_template_renders_the_activation_and_activates_the_asset()
    {
        var id = AddPending(subscriptionId: "SUB-7");

        var approved = await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));

        Assert.That(approved.Status, Is.EqualTo(RequestStatus.Approved));
        Assert.That(approved.ActivationKey, Is.EqualTo("Subscription SUB-7 is active."));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("active"));
        Assert.That(Sandbox.CallLog.Count(e => e.Matches("POST", $"/requests/{id}/approve") && (string?)e.ParseBody()?["template_id"] == TemplateId), Is.EqualTo(1));
        Assert.That((await Client.GetRequestAsync(id)).Status, Is.EqualTo(RequestStatus.Approved));
    }

    [Test]
    public async Task Approve_with_activation_tile_and_effective_date()
    {
        var id = AddPending();
        var effective = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var approved = await Client.ApproveRequestAsync(id, ApproveRequest.WithTile("# Welcome") with { EffectiveDate = effective });

        Assert.That(approved.Status, Is.EqualTo(RequestStatus.Approved));
        var body = Sandbox.CallLog.Where(e => e.Matches("POST", $"/requests/{id}/approve")).Single().ParseBody()!;
        Assert.That((string?)body["activation_tile"], Is.EqualTo("# Welcome"));
        Assert.That((string?)body["effective_date"], Does.StartWith("2030-01-02T03:04:05"));
    }

    [TestCase("cancel", "terminated")]
    [TestCase("suspend", "suspended")]
    [TestCase("resume", "active")]
    [TestCase("purchase", "active")]
    public async Task Approving_each_type_moves_the_asset(string type, string assetStatus)
    {
        var id = AddPending(type);
        await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        var asset = await Client.GetAssetAsync(Sandbox.GetRequestAssetId(id)!);
        Assert.That(asset.Status, Is.EqualTo(AssetStatus.From(assetStatus)));
    }

    [Test]
    public async Task Approve_errors_wrong_state_unknown_template_and_empty_required_parameter()
    {
        var id = AddPending();
        await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        AssertWrongState(await ThrowsConnectAsync(() => Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId))));

        var other = AddPending();
        var unknownTemplate = await ThrowsConnectAsync(() => Client.ApproveRequestAsync(other, ApproveRequest.WithTemplate("TL-404")));
        Assert.That(unknownTemplate.StatusCode, Is.EqualTo(400));
        Assert.That(Sandbox.GetRequestStatus(other), Is.EqualTo("pending"));

        var missing = Sandbox.Requests.Add(r => r.Type("purchase").Product(Product).Parameter("subscription_id", value: null, required: true));
        var empty = await ThrowsConnectAsync(() => Client.ApproveRequestAsync(missing, ApproveRequest.WithTemplate(TemplateId)));
        Assert.That(empty.StatusCode, Is.EqualTo(400));
        Assert.That(empty.ErrorParameters?.GetRawText(), Does.Contain("subscription_id"));
        Assert.That(empty.Method, Is.EqualTo("POST"));
        Assert.That(empty.Path, Does.Contain(missing));
    }

    [Test]
    public async Task Fail_sets_the_reason_and_terminates_a_purchase_asset()
    {
        var id = AddPending();
        var failed = await Client.FailRequestAsync(id, "Vendor refused: quota \"exceeded\" (42)");
        Assert.That(failed.Status, Is.EqualTo(RequestStatus.Failed));
        Assert.That(failed.Reason, Is.EqualTo("Vendor refused: quota \"exceeded\" (42)"));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("terminated"));

        AssertWrongState(await ThrowsConnectAsync(() => Client.FailRequestAsync(id, "again")));
    }

    [Test]
    public async Task Parameter_put_then_inquire_then_pend_then_approve()
    {
        var id = AddPending(subscriptionId: null);

        var updated = await Client.UpdateRequestParametersAsync(id, [ParameterUpdate.WithError("admin_email", "Use a company address.")], note: "asked the customer");
        Assert.That(updated.Asset!.Parameters.Single(p => p.Id == "admin_email").ValueError, Is.EqualTo("Use a company address."));
        var put = Sandbox.CallLog.Where(e => e.Matches("PUT", $"/requests/{id}")).Single().ParseBody()!;
        var sent = put["asset"]!["params"]!.AsArray().Single()!.AsObject();
        Assert.That(sent.Select(p => p.Key), Is.SubsetOf(new[] { "id", "value", "value_error", "structured_value" }));
        Assert.That((string?)put["note"], Is.EqualTo("asked the customer"));

        var inquiring = await Client.InquireRequestAsync(id, templateId: TemplateId);
        Assert.That(inquiring.Status, Is.EqualTo(RequestStatus.Inquiring));
        AssertWrongState(await ThrowsConnectAsync(() => Client.InquireRequestAsync(id)));

        var pending = await Client.PendRequestAsync(id);
        Assert.That(pending.Status, Is.EqualTo(RequestStatus.Pending));
        AssertWrongState(await ThrowsConnectAsync(() => Client.PendRequestAsync(id)));

        await Client.UpdateRequestParametersAsync(id, [ParameterUpdate.WithValue("subscription_id", "SUB-42"), ParameterUpdate.WithValue("admin_email", "it@example.com")]);
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-42"));
        var approved = await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        Assert.That(approved.ActivationKey, Is.EqualTo("Subscription SUB-42 is active."));

        AssertWrongState(await ThrowsConnectAsync(() => Client.UpdateRequestParametersAsync(id, [ParameterUpdate.WithValue("subscription_id", "SUB-43")])));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo("SUB-42"));
    }

    [Test]
    public async Task Inquire_without_an_invalid_parameter_is_refused()
    {
        var id = AddPending();
        var ex = await ThrowsConnectAsync(() => Client.InquireRequestAsync(id));
        Assert.That(ex.StatusCode, Is.EqualTo(400));
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Schedule_from_pending_only()
    {
        var id = AddPending();
        var planned = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        var scheduled = await Client.ScheduleRequestAsync(id, planned);
        Assert.That(scheduled.Status, Is.EqualTo(RequestStatus.Scheduled));
        Assert.That(scheduled.PlannedDate, Is.EqualTo(planned));
        AssertWrongState(await ThrowsConnectAsync(() => Client.ScheduleRequestAsync(id, planned)));
    }

    [Test]
    public async Task Assign_and_unassign()
    {
        var id = AddPending();
        await Client.AssignRequestAsync(id, AssignTo.User("UR-123-456"));
        Assert.That((string?)Sandbox.GetRequest(id)!["assignee"]!["id"], Is.EqualTo("UR-123-456"));
        Assert.That((await Client.GetRequestAsync(id)).Assignee, Is.Not.Null);

        await Client.AssignRequestAsync(id, AssignTo.UserWithEmail("ops@example.com"));
        Assert.That((string?)Sandbox.GetRequest(id)!["assignee"]!["email"], Is.EqualTo("ops@example.com"));

        await Client.UnassignRequestAsync(id);
        Assert.That((await Client.GetRequestAsync(id)).Id, Is.EqualTo(id), "an unassigned request (assignee \"\") still reads");
    }

    [Test]
    public async Task Unknown_request_is_not_found()
    {
        var ex = await ThrowsConnectAsync(() => Client.GetRequestAsync("PR-0000-0000-0000-404"));
        Assert.That(ex, Is.InstanceOf<ConnectNotFoundException>());
        Assert.That(ex.StatusCode, Is.EqualTo(404));
        var approve = await ThrowsConnectAsync(() => Client.ApproveRequestAsync("PR-0000-0000-0000-404", ApproveRequest.WithTemplate(TemplateId)));
        Assert.That(approve, Is.InstanceOf<ConnectNotFoundException>());
    }
}
