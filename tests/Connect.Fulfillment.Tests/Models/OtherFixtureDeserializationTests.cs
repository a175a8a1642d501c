using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;
using Connect.Fulfillment.Tests.Client;

namespace Connect.Fulfillment.Tests.Models;

/// <summary>The real tier configuration, template, conversation, asset and error fixtures read into the typed models.</summary>
public class OtherFixtureDeserializationTests
{
    [Test]
    public void Tier_config_request_fixtures()
    {
        var pending = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_pending.devops-testing-library.json"));
        var approved = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_approved.php-sdk.json"));

        Assert.Multiple(() =>
        {
            Assert.That(pending.Id, Is.EqualTo("TCR-625-056-106-001"));
            Assert.That(pending.Type, Is.EqualTo(TierConfigRequestType.Setup));
            Assert.That(pending.Status, Is.EqualTo(RequestStatus.Pending));
            Assert.That(pending.Environment, Is.EqualTo(ConnectionType.Preview));
            Assert.That(pending.ConnectionType, Is.EqualTo(ConnectionType.Preview));
            Assert.That(pending.ProductId, Is.EqualTo("PRD-521-843-700"));
            Assert.That(pending.Configuration!.TierLevel, Is.EqualTo(1));
            Assert.That(pending.Configuration.Account!.Id, Is.EqualTo("TA-0-2765-9792-6632"));
            Assert.That(pending.Parameters.Single().Id, Is.EqualTo("TIER1_MPN"));
            Assert.That(pending.Parameters.Single().Value, Is.EqualTo("000000"));
            Assert.That(pending.Template?.Id, Is.EqualTo("TL-432-535-295"));
            Assert.That(pending.EffectiveDate, Is.EqualTo(DateTimeOffset.Parse("2021-11-05T13:31:50+00:00")));

            Assert.That(approved.Id, Is.EqualTo("TCR-604-770-832-001"));
            Assert.That(approved.Status, Is.EqualTo(RequestStatus.Approved));
            Assert.That(approved.Environment, Is.EqualTo(ConnectionType.Test));
            Assert.That(approved.Assignee, Is.EqualTo(new Assignee { Id = "SU-376-975-690", Name = "asdf" }));
            Assert.That(approved.Configuration!.Account!.Id, Is.EqualTo("TA-4432-8481-6123"));
            Assert.That(approved.Template?.Representation, Does.StartWith("# Sample Template For Setup of Tier 1"));
            Assert.That(approved.Parameters.Single().Value, Is.EqualTo("value tier 1"));
        });
    }

    [Test]
    public async Task Tier_config_request_list_reads_through_the_client()
    {
        using var server = ConnectServer.Start();
        using var client = server.Client();
        server.Given("GET", "tier/config-requests", body: Fixtures.Read("tier_config_requests_list_pending.python-sdk.json"),
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-1/2" });

        var list = await client.ListTierConfigRequestsAsync().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(list.Select(t => t.Id), Is.EqualTo(new[] { "TCR-707-778-671-001", "TCR-195-110-021-001" }));
            Assert.That(list.Select(t => t.ProductId), Is.All.EqualTo("PRD-418-056-738"));
            Assert.That(list.Select(t => t.Configuration!.TierLevel), Is.All.EqualTo(1));
            Assert.That(list.Select(t => t.Template), Is.All.Null);
            Assert.That(list.Select(t => t.Parameters.Count), Is.All.Zero);
        });
    }

    [Test]
    public async Task Template_lists_read_through_the_client()
    {
        using var server = ConnectServer.Start();
        using var client = server.Client();
        server.Given("GET", "products/PRD-1/templates", body: Fixtures.Read("product_templates_list.python-sdk.json"),
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-3/4" });
        server.Given("GET", "products/PRD-2/templates", body: Fixtures.Read("product_templates_list.php-sdk.json"),
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-2/3" });

        var python = await client.ListProductTemplatesAsync("PRD-1").ToListAsync();
        var php = await client.ListProductTemplatesAsync("PRD-2").ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(python.Select(t => (t.Id, t.Scope.Value, t.Type.Value)), Is.EqualTo(new (string?, string?, string?)[]
            {
                ("TL-313-655-502", "asset", "fulfillment"), ("TL-362-270-671", "tier1", null), ("TL-064-379-743", "tier2", null), ("TL-416-019-529", "asset", "inquire"),
            }));
            Assert.That(python[0].Name, Is.EqualTo("Default Activation Template"));
            Assert.That(python[0].Position, Is.EqualTo(10000));
            Assert.That(python[3].Type, Is.EqualTo(TemplateType.Inquire));
            Assert.That(php.Select(t => t.Id), Is.EqualTo(new[] { "TL-596-091-463", "TL-027-745-332", "TL-396-677-691" }));
            Assert.That(php[0].Title, Is.EqualTo("Default Activation Template"));
            Assert.That(php[0].Body, Does.Contain("{{ SubscriptionId }}"));
        });
    }

    [Test]
    public void Single_template_fixture()
    {
        var template = JsonSerializer.Deserialize<ProductTemplate>(Fixtures.Read("template_activation_asset.processor-template-example.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(template.Id, Is.EqualTo("TL-471-184-949"));
            Assert.That(template.Scope, Is.EqualTo(TemplateScope.Asset));
            Assert.That(template.Type, Is.EqualTo(TemplateType.Fulfillment));
            Assert.That(template.Body, Does.StartWith("# Sample Activation Template"));
        });
    }

    [Test]
    public void Conversation_and_message_fixtures()
    {
        var listed = JsonSerializer.Deserialize<List<Conversation>>(Fixtures.Read("conversations_list_by_instance_id.php-sdk.json"), ConnectJson.Options)!.Single();
        var full = JsonSerializer.Deserialize<Conversation>(Fixtures.Read("conversation_with_messages.php-sdk.json"), ConnectJson.Options)!;
        var message = JsonSerializer.Deserialize<ConversationMessage>(Fixtures.Read("conversation_message_created.php-sdk.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(listed.Id, Is.EqualTo("CO-608-552-367"));
            Assert.That(listed.InstanceId, Is.EqualTo("PR-0064-1951-3417-001"));
            Assert.That(listed.Topic, Is.EqualTo("Fulfillment Request <PR-0064-1951-3417-001>"));
            Assert.That(listed.Messages, Is.Empty);
            Assert.That(full.Messages, Has.Count.EqualTo(13));
            var stateChange = full.Messages.Single(m => m.Type == "state_change");
            Assert.That(stateChange.Id, Is.EqualTo("ME-558-764-949"));
            Assert.That(stateChange.Creator, Is.Null);
            Assert.That(full.Messages[0].Creator, Is.EqualTo(new Reference { Id = "UR-841-574-187", Name = "Marc Serrat" }));
            Assert.That(message.Id, Is.EqualTo("ME-770-626-621"));
            Assert.That(message.Conversation, Is.EqualTo("CO-608-552-367"));
            Assert.That(message.Text, Is.EqualTo("test4"));
            Assert.That(message.Type, Is.EqualTo("message"));
            Assert.That(message.Created, Is.EqualTo(DateTimeOffset.Parse("2019-04-26T17:01:48+00:00")));
        });
    }

    [Test]
    public void Asset_fixture()
    {
        var asset = JsonSerializer.Deserialize<Asset>(Fixtures.Read("asset_active.python-sdk.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(asset.Id, Is.EqualTo("AS-9861-7949-8492"));
            Assert.That(asset.Status, Is.EqualTo(AssetStatus.Active));
            Assert.That(asset.ExternalId, Is.EqualTo("12345"));
            Assert.That(asset.Connection!.Type, Is.EqualTo(ConnectionType.Production));
            Assert.That(asset.Connection.Hub!.Id, Is.EqualTo("HB-12345-12345"));
            Assert.That(asset.Items.Select(i => i.Quantity), Is.EqualTo(new[] { "3", "1" }));
            Assert.That(asset.Parameters.Single().Value, Is.EqualTo("daniel.lark@gmail.com"));
            Assert.That(asset.Tiers!.Tier2!.Id, Is.EqualTo("TA-2-9861-7949-8492"));
            Assert.That(asset.Marketplace!.Name, Is.EqualTo("France and territories"));
        });
    }

    [Test]
    public void Error_fixture_served_as_400_maps_to_ConnectApiException()
    {
        using var server = ConnectServer.Start();
        using var client = server.Client();
        server.Given("GET", "requests/PR-000-000", status: 400, body: Fixtures.Read("error_REQ_005_empty_required_params.mulesoft.json"));

        var error = Assert.ThrowsAsync<ConnectApiException>(() => client.GetRequestAsync("PR-000-000"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.GetType(), Is.EqualTo(typeof(ConnectApiException)));
            Assert.That(error.StatusCode, Is.EqualTo(400));
            Assert.That(error.ErrorCode, Is.EqualTo("REQ_005"));
            Assert.That(error.Errors, Is.EqualTo(new[] { "There are empty required parameters." }));
            Assert.That(error.ErrorParameters?.GetProperty("empty_params").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "param_a", "param_b" }));
            Assert.That(error.Method, Is.EqualTo("GET"));
            Assert.That(error.Path, Is.EqualTo("requests/PR-000-000"));
            Assert.That(error.Message, Is.EqualTo("Connect GET requests/PR-000-000 answered 400 REQ_005: There are empty required parameters."));
        });
    }
}
