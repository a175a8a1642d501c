using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>What each fulfillment request operation sends: method, path, query, headers and exact body.</summary>
public class RequestOperationTests
{
    private const string RequestId = "PR-8055-3268-5577-001";
    private static readonly string RequestJson = Fixtures.Read("request_purchase_pending.processor-template.json");

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
    public async Task GetRequest_sends_GET_with_headers_and_reads_the_request()
    {
        server.Given("GET", "requests/" + RequestId, body: RequestJson);

        var request = await client.GetRequestAsync(RequestId);

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/requests/" + RequestId));
            Assert.That(call.RequestMessage.RawQuery, Is.Null.Or.Empty);
            Assert.That(call.RequestMessage.Body, Is.Null.Or.Empty);
            Assert.That(request.Id, Is.EqualTo(RequestId));
            Assert.That(request.Status, Is.EqualTo(RequestStatus.Pending));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Key_that_already_has_the_ApiKey_prefix_is_sent_once_prefixed()
    {
        using var prefixed = server.Client(o => o.ApiKey = "ApiKey " + ConnectServer.ApiKey);
        server.Given("GET", "requests/" + RequestId, body: RequestJson);

        await prefixed.GetRequestAsync(RequestId);

        ConnectServer.AssertStandardHeaders(server.Single(), "ApiKey " + ConnectServer.ApiKey);
    }

    [Test]
    public async Task Configured_user_agent_comes_first_and_the_library_token_follows()
    {
        using var branded = server.Client(o => o.UserAgent = "my-middleware/2.1");
        server.Given("GET", "requests/" + RequestId, body: RequestJson);

        await branded.GetRequestAsync(RequestId);

        Assert.That(ConnectServer.Header(server.Single(), "User-Agent"), Does.Match(@"^my-middleware/2\.1 connect-fulfillment-dotnet/\S+ "));
    }

    [Test]
    public async Task Ids_are_escaped_into_one_path_segment()
    {
        server.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(RequestJson));

        await client.GetRequestAsync("PR-1/../assets");

        Assert.That(server.Single().RequestMessage.Url, Does.EndWith("/public/v1/requests/PR-1%2F..%2Fassets"));
    }

    [Test]
    public async Task ListRequests_sends_the_query_limit_and_offset()
    {
        server.Given("GET", "requests", body: "[" + RequestJson + "]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/1" });

        var requests = await client.ListRequestsAsync(RequestQuery.Pending(["PRD-1"])).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Id), Is.EqualTo(new[] { RequestId }));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/requests"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo("?and(in(asset.product.id,(PRD-1)),in(asset.connection.type,(preview)),in(status,(pending)))&limit=100&offset=0"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task UpdateRequestParameters_sends_only_the_fields_that_were_set_and_the_note()
    {
        server.Given("PUT", "requests/" + RequestId, body: Fixtures.Read("request_purchase_params_filled.processor-template.json"));
        using var checkbox = JsonDocument.Parse("""{"1":true,"4":false}""");

        var updated = await client.UpdateRequestParametersAsync(
            RequestId,
            [
                ParameterUpdate.WithValue("param_a", "123"),
                ParameterUpdate.WithError("param_b", "Please enter a valid id"),
                new ParameterUpdate("CATEGORIES") { StructuredValue = checkbox.RootElement.Clone() },
            ],
            note: "provisioned");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("PUT"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/requests/" + RequestId));
            Assert.That(ConnectServer.Body(call), Is.EqualTo(
                """{"asset":{"params":[{"id":"param_a","value":"123","value_error":""},{"id":"param_b","value_error":"Please enter a valid id"},{"id":"CATEGORIES","structured_value":{"1":true,"4":false}}]},"note":"provisioned"}"""));
            Assert.That(ConnectServer.Header(call, "Content-Type"), Does.StartWith("application/json"));
            Assert.That(updated.Asset!.Parameters.Single(p => p.Id == "param_a").Value, Is.EqualTo("123"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task UpdateRequestParameters_without_note_omits_it()
    {
        server.Given("PUT", "requests/" + RequestId, body: RequestJson);

        await client.UpdateRequestParametersAsync(RequestId, [ParameterUpdate.WithValue("param_a", "x")]);

        Assert.That(ConnectServer.Body(server.Single()), Is.EqualTo("""{"asset":{"params":[{"id":"param_a","value":"x","value_error":""}]}}"""));
    }

    [Test]
    public void UpdateRequestParameters_without_parameters_is_refused_before_any_call()
    {
        Assert.ThrowsAsync<ArgumentException>(() => client.UpdateRequestParametersAsync(RequestId, []));
        Assert.That(server.Received, Is.Empty);
    }

    [Test]
    public async Task Approve_with_template_sends_template_id()
    {
        server.Given("POST", $"requests/{RequestId}/approve", body: RequestJson);

        await client.ApproveRequestAsync(RequestId, ApproveRequest.WithTemplate("TL-471-184-949"));

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/requests/{RequestId}/approve"));
            Assert.That(ConnectServer.Body(call), Is.EqualTo("""{"template_id":"TL-471-184-949"}"""));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Approve_with_tile_and_effective_date_sends_the_date_in_utc_with_microseconds()
    {
        server.Given("POST", $"requests/{RequestId}/approve", body: RequestJson);
        var effective = new DateTimeOffset(2023, 4, 28, 13, 36, 38, TimeSpan.FromHours(2)).AddTicks(8144290);

        await client.ApproveRequestAsync(RequestId, ApproveRequest.WithTile("# Welcome") with { EffectiveDate = effective });

        Assert.That(ConnectServer.Body(server.Single()), Is.EqualTo("""{"activation_tile":"# Welcome","effective_date":"2023-04-28T11:36:38.814429+00:00"}"""));
    }

    [Test]
    public async Task Fail_sends_the_reason()
    {
        server.Given("POST", $"requests/{RequestId}/fail", body: RequestJson);

        await client.FailRequestAsync(RequestId, "Vendor rejected the order \"42\"");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/requests/{RequestId}/fail"));
            Assert.That(ConnectServer.Body(call), Is.EqualTo("""{"reason":"Vendor rejected the order \"42\""}"""));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public void Fail_without_reason_is_refused_before_any_call()
    {
        Assert.ThrowsAsync<ArgumentException>(() => client.FailRequestAsync(RequestId, " "));
        Assert.That(server.Received, Is.Empty);
    }

    [Test]
    public async Task Inquire_with_and_without_template()
    {
        server.Given("POST", $"requests/{RequestId}/inquire", body: RequestJson);

        await client.InquireRequestAsync(RequestId, "TL-416-019-529");
        await client.InquireRequestAsync(RequestId);

        var calls = server.Received;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.RequestMessage.Method), Is.All.EqualTo("POST"));
            Assert.That(calls.Select(c => c.RequestMessage.AbsolutePath), Is.All.EqualTo($"/public/v1/requests/{RequestId}/inquire"));
            Assert.That(calls.Select(ConnectServer.Body), Is.EqualTo(new[] { """{"template_id":"TL-416-019-529"}""", "{}" }));
        });
        ConnectServer.AssertStandardHeaders(calls[0]);
    }

    [Test]
    public async Task Pend_posts_no_body_and_no_content_type_as_the_spec_defines_none()
    {
        server.Given("POST", $"requests/{RequestId}/pend", body: RequestJson);

        await client.PendRequestAsync(RequestId);

        var call = server.Single();
        Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/requests/{RequestId}/pend"));
        ConnectServer.AssertNoBody(call);
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Schedule_sends_the_planned_date()
    {
        server.Given("POST", $"requests/{RequestId}/schedule", body: RequestJson);

        await client.ScheduleRequestAsync(RequestId, new DateTimeOffset(2020, 1, 1, 14, 0, 0, TimeSpan.FromHours(1)));

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/requests/{RequestId}/schedule"));
            Assert.That(ConnectServer.Body(call), Is.EqualTo("""{"planned_date":"2020-01-01T13:00:00.000000+00:00"}"""));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task Assign_by_id_or_email_and_unassign()
    {
        server.Given("POST", $"requests/{RequestId}/assign", body: RequestJson);
        server.Given("POST", $"requests/{RequestId}/unassign", body: RequestJson);

        await client.AssignRequestAsync(RequestId, AssignTo.User("UR-841-574-187"));
        await client.AssignRequestAsync(RequestId, AssignTo.UserWithEmail("ops@example.com"));
        await client.UnassignRequestAsync(RequestId);

        var calls = server.Received;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.RequestMessage.Method), Is.All.EqualTo("POST"));
            Assert.That(calls.Select(c => c.RequestMessage.AbsolutePath), Is.EqualTo(new[]
            {
                $"/public/v1/requests/{RequestId}/assign", $"/public/v1/requests/{RequestId}/assign", $"/public/v1/requests/{RequestId}/unassign",
            }));
            Assert.That(ConnectServer.Body(calls[0]), Is.EqualTo("""{"id":"UR-841-574-187"}"""));
            Assert.That(ConnectServer.Body(calls[1]), Is.EqualTo("""{"email":"ops@example.com"}"""));
            Assert.That(calls[2].RequestMessage.Body, Is.Null.Or.Empty);
        });
        ConnectServer.AssertNoBody(calls[2]);
        ConnectServer.AssertStandardHeaders(calls[2]);
    }

    [Test]
    public async Task Transitions_accept_a_204_answer_where_no_body_is_read()
    {
        server.Given("POST", $"requests/{RequestId}/assign", status: 204);
        server.Given("POST", $"requests/{RequestId}/unassign", status: 204);

        await client.AssignRequestAsync(RequestId, AssignTo.User("UR-1"));
        await client.UnassignRequestAsync(RequestId);

        Assert.That(server.Received, Has.Count.EqualTo(2));
    }
}
