using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class TierConfigRequestTests : ClientTestBase
{
    private string AddTcr(string account = "TA-1", string status = "pending") =>
        Sandbox.TierConfigRequests.Add(t => t.Product(Product).Account(account).TierLevel(1).Status(status)
            .Parameter("tax_id", phase: "fulfillment", value: null));

    [Test]
    public async Task List_count_and_get()
    {
        var a = AddTcr("TA-1");
        var b = AddTcr("TA-2");
        AddTcr("TA-3", status: "approved");

        var pending = await ToListAsync(Client.ListTierConfigRequestsAsync(TierConfigRequestQuery.Pending([Product])));
        Assert.That(pending.Select(t => t.Id), Is.EquivalentTo(new[] { a, b }));
        Assert.That(await Client.CountTierConfigRequestsAsync(TierConfigRequestQuery.Pending([Product])), Is.EqualTo(2));
        var page = await Client.GetTierConfigRequestsPageAsync(new TierConfigRequestQuery { ProductIds = [Product] }, 0, 1);
        Assert.That(page.Items, Has.Count.EqualTo(1));
        Assert.That(page.Total, Is.EqualTo(3));

        var one = await Client.GetTierConfigRequestAsync(a);
        Assert.That(one.Status, Is.EqualTo(RequestStatus.Pending));
        Assert.That(one.Configuration?.Product?.Id, Is.EqualTo(Product));
        Assert.That(one.Parameters.Select(p => p.Id), Does.Contain("tax_id"));
    }

    [Test]
    public async Task Update_inquire_pend_then_approve_with_template_releases_tiers_setup_requests()
    {
        var tcr = AddTcr();
        var waiting = Sandbox.Requests.Add(r => r.Type("purchase").Status("tiers_setup").Product(Product).Tier1("TA-1"));

        var updated = await Client.UpdateTierConfigRequestParametersAsync(tcr, [ParameterUpdate.WithError("tax_id", "Required for this marketplace.")], note: "please fill");
        Assert.That(updated.Parameters.Single(p => p.Id == "tax_id").ValueError, Is.EqualTo("Required for this marketplace."));

        await Client.InquireTierConfigRequestAsync(tcr);
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("inquiring"));
        AssertWrongState(await ThrowsConnectAsync(() => Client.InquireTierConfigRequestAsync(tcr)));

        await Client.PendTierConfigRequestAsync(tcr);
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("pending"));
        AssertWrongState(await ThrowsConnectAsync(() => Client.PendTierConfigRequestAsync(tcr)));

        await Client.UpdateTierConfigRequestParametersAsync(tcr, [ParameterUpdate.WithValue("tax_id", "VAT-1")]);
        Assert.That(Sandbox.GetTierConfigRequestParameterValue(tcr, "tax_id"), Is.EqualTo("VAT-1"));

        var template = await Client.ApproveTierConfigRequestAsync(tcr, TemplateId);
        Assert.That(template?.Id, Is.EqualTo(TemplateId));
        Assert.That(template?.Representation, Is.Not.Null);
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("approved"));
        Assert.That(Sandbox.GetRequestStatus(waiting), Is.EqualTo("pending"));

        AssertWrongState(await ThrowsConnectAsync(() => Client.ApproveTierConfigRequestAsync(tcr, TemplateId)));
        AssertWrongState(await ThrowsConnectAsync(() => Client.FailTierConfigRequestAsync(tcr, "too late")));
        AssertWrongState(await ThrowsConnectAsync(() => Client.UpdateTierConfigRequestParametersAsync(tcr, [ParameterUpdate.WithValue("tax_id", "VAT-2")])));
    }

    [Test]
    public async Task Inquire_without_an_invalid_parameter_and_unknown_template_are_refused()
    {
        var tcr = AddTcr();
        Assert.That((await ThrowsConnectAsync(() => Client.InquireTierConfigRequestAsync(tcr))).StatusCode, Is.EqualTo(400));
        Assert.That((await ThrowsConnectAsync(() => Client.ApproveTierConfigRequestAsync(tcr, "TL-404"))).StatusCode, Is.EqualTo(400));
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Fail_assign_and_unassign_answer_no_content()
    {
        var tcr = AddTcr();
        await Client.AssignTierConfigRequestAsync(tcr, AssignTo.User("UR-9"));
        Assert.That((string?)Sandbox.GetTierConfigRequest(tcr)!["assignee"]!["id"], Is.EqualTo("UR-9"));
        await Client.UnassignTierConfigRequestAsync(tcr);
        Assert.That(Sandbox.GetTierConfigRequest(tcr)!["assignee"], Is.Null);

        await Client.FailTierConfigRequestAsync(tcr, "Unknown reseller.");
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("failed"));
        Assert.That(Sandbox.CallLog.Where(e => e.Matches("POST", "/tier/config-requests/")).Select(e => e.StatusCode), Is.All.EqualTo(204));
        Assert.That((await Client.GetTierConfigRequestAsync(tcr)).Reason, Is.EqualTo("Unknown reseller."));
    }

    [Test]
    public async Task Unknown_tier_config_request_is_not_found()
    {
        Assert.That(await ThrowsConnectAsync(() => Client.GetTierConfigRequestAsync("TCR-000-000-000-404")), Is.InstanceOf<ConnectNotFoundException>());
    }
}
