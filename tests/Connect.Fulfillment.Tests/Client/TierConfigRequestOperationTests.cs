using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>What each tier configuration request operation sends, including the calls Connect answers with 204.</summary>
public class TierConfigRequestOperationTests
{
    private const string Id = "TCR-625-056-106-001";
    private static readonly string TcrJson = Fixtures.Read("tier_config_request_setup_pending.devops-testing-library.json");

    private ConnectServer server = null!;
    private ConnectClient client = null!;

    [SetUp]
    public void SetUp()
    {
        server = ConnectServer.Start();
        client = server.Client();
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        server.Dispose();
    }

    [Test]
    public async Task List_sends_the_tier_query()
    {
        server.Given("GET", "tier/config-requests", body: Fixtures.Read("tier_config_requests_list_pending.python-sdk.json"),
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-1/2" });

        var listed = await client.ListTierConfigRequestsAsync(TierConfigRequestQuery.Pending(["PRD-418-056-738"])).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { "TCR-707-778-671-001", "TCR-195-110-021-001" }));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/tier/config-requests"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo(
                "?and(in(configuration.product.id,(PRD-418-056-738)),in(configuration.connection.type,(preview)),in(status,(pending)))&limit=100&offset=0"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Get_reads_the_request()
    {
        server.Given("GET", "tier/config-requests/" + Id, body: TcrJson);

        var tcr = await client.GetTierConfigRequestAsync(Id);

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(tcr.Id, Is.EqualTo(Id));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/tier/config-requests/" + Id));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Update_parameters_sends_params_and_notes()
    {
        server.Given("PUT", "tier/config-requests/" + Id, body: TcrJson);

        await client.UpdateTierConfigRequestParametersAsync(Id, [ParameterUpdate.WithValue("TIER1_MPN", "000001")], note: "checked");
        await client.UpdateTierConfigRequestParametersAsync(Id, [ParameterUpdate.WithError("TIER1_MPN", "Unknown MPN")]);

        var calls = server.Received;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.RequestMessage.Method), Is.All.EqualTo("PUT"));
            Assert.That(calls.Select(c => c.RequestMessage.AbsolutePath), Is.All.EqualTo("/public/v1/tier/config-requests/" + Id));
            Assert.That(ConnectServer.Body(calls[0]), Is.EqualTo("""{"params":[{"id":"TIER1_MPN","value":"000001","value_error":""}],"notes":"checked"}"""));
            Assert.That(ConnectServer.Body(calls[1]), Is.EqualTo("""{"params":[{"id":"TIER1_MPN","value_error":"Unknown MPN"}]}"""));
        });
        ConnectServer.AssertStandardHeaders(calls[0]);
    }

    [Test]
    public async Task Approve_sends_the_template_object_and_reads_the_rendered_template()
    {
        server.Given("POST", $"tier/config-requests/{Id}/approve", body: """{"template":{"id":"TL-432-535-295","representation":"Rendered"},"effective_date":"2021-11-05T13:31:50+00:00"}""");

        var template = await client.ApproveTierConfigRequestAsync(Id, "TL-432-535-295");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/tier/config-requests/{Id}/approve"));
            Assert.That(ConnectServer.Body(call), Is.EqualTo("""{"template":{"id":"TL-432-535-295"}}"""));
            Assert.That(template, Is.EqualTo(new TemplateReference { Id = "TL-432-535-295", Representation = "Rendered" }));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Approve_answered_with_204_returns_null()
    {
        server.Given("POST", $"tier/config-requests/{Id}/approve", status: 204);

        Assert.That(await client.ApproveTierConfigRequestAsync(Id, "TL-1"), Is.Null);
    }

    [Test]
    public async Task Fail_inquire_pend_assign_unassign_answered_with_204()
    {
        foreach (var action in new[] { "fail", "inquire", "pend", "assign", "unassign" })
        {
            server.Given("POST", $"tier/config-requests/{Id}/{action}", status: 204);
        }

        await client.FailTierConfigRequestAsync(Id, "Reseller unknown");
        await client.InquireTierConfigRequestAsync(Id);
        await client.PendTierConfigRequestAsync(Id);
        await client.AssignTierConfigRequestAsync(Id, AssignTo.User("UR-1"));
        await client.AssignTierConfigRequestAsync(Id, AssignTo.UserWithEmail("ops@example.com"));
        await client.UnassignTierConfigRequestAsync(Id);

        var calls = server.Received;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.RequestMessage.Method), Is.All.EqualTo("POST"));
            Assert.That(calls.Select(c => c.RequestMessage.AbsolutePath), Is.EqualTo(
                new[] { "fail", "inquire", "pend", "assign", "assign", "unassign" }.Select(a => $"/public/v1/tier/config-requests/{Id}/{a}")));
            Assert.That(calls.Select(c => c.RequestMessage.Body ?? string.Empty), Is.EqualTo(new[]
            {
                """{"reason":"Reseller unknown"}""", string.Empty, string.Empty, """{"id":"UR-1"}""", """{"email":"ops@example.com"}""", string.Empty,
            }));
        });
        foreach (var call in calls)
        {
            ConnectServer.AssertStandardHeaders(call);
        }

        // inquire, pend and unassign have no body in the spec: none is sent, nor a content type.
        foreach (var call in new[] { calls[1], calls[2], calls[5] })
        {
            ConnectServer.AssertNoBody(call);
        }
    }
}
