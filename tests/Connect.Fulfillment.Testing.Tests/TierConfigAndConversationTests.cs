using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

public class TierConfigAndConversationTests : SandboxTestBase
{
    [Test]
    public async Task Tcr_approve_returns_template_and_releases_tiers_setup_requests()
    {
        Sandbox.Products.Add("PRD-T", p => p.Template("TL-T1", scope: "tier1", type: null, body: "Welcome {{ partner_id }}"));
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Product("PRD-T").Account("TA-RES").TierLevel(1).Parameter("partner_id", value: "P-1"));
        var waiting = Sandbox.Requests.Add(r => r.Product("PRD-T").Status("tiers_setup").Tier1("TA-RES"));
        var other = Sandbox.Requests.Add(r => r.Product("PRD-T").Status("tiers_setup").Tier1("TA-OTHER"));

        var (status, body, _) = await PostAsync($"tier/config-requests/{tcr}/approve", new { template = new { id = "TL-T1" } });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["template"]!["id"]!, Is.EqualTo("TL-T1"));
        Assert.That((string)body["template"]!["representation"]!, Is.EqualTo("Welcome P-1"));
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("approved"));
        Assert.That(Sandbox.GetRequestStatus(waiting), Is.EqualTo("pending"));
        Assert.That(Sandbox.GetRequestStatus(other), Is.EqualTo("tiers_setup"));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/approve", new { template = new { id = "TL-T1" } })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Tcr_fail_inquire_pend_assign_unassign_answer_204()
    {
        var tcr = Sandbox.TierConfigRequests.Add(t => t.Parameter("reseller_id", value: ""));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/inquire", new { })).Status, Is.EqualTo(400), "needs a value_error");

        var (status, body, _) = await PutAsync($"tier/config-requests/{tcr}", new { @params = new[] { new { id = "reseller_id", value_error = "Required" } }, notes = "n" });
        Assert.That(status, Is.EqualTo(200));
        Assert.That((string)body!["notes"]!, Is.EqualTo("n"));

        var (s, b, r) = await PostAsync($"tier/config-requests/{tcr}/inquire", new { });
        Assert.That(s, Is.EqualTo(204));
        Assert.That(b, Is.Null);
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("inquiring"));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/pend")).Status, Is.EqualTo(204));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/assign", new { id = "UR-1" })).Status, Is.EqualTo(204));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/unassign")).Status, Is.EqualTo(204));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/fail", new { })).Status, Is.EqualTo(400));
        Assert.That((await PostAsync($"tier/config-requests/{tcr}/fail", new { reason = "no" })).Status, Is.EqualTo(204));
        Assert.That(Sandbox.GetTierConfigRequestStatus(tcr), Is.EqualTo("failed"));
        Assert.That((await PutAsync($"tier/config-requests/{tcr}", new { notes = "late" })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Every_seeded_request_has_a_conversation_to_post_to()
    {
        var id = Sandbox.Requests.Add();
        var (status, list, _) = await GetAsync($"conversations?instance_id={id}");
        Assert.That(status, Is.EqualTo(200));
        var conversation = list!.AsArray().Single()!;
        Assert.That((string)conversation["topic"]!, Is.EqualTo($"Fulfillment Request <{id}>"));
        var conversationId = (string)conversation["id"]!;

        (_, list, _) = await GetAsync($"conversations?eq(instance_id,{id})");
        Assert.That(list!.AsArray(), Has.Count.EqualTo(1));

        var (created, message, _) = await PostAsync($"conversations/{conversationId}/messages", new { text = "Working on it", type = "message" });
        Assert.That(created, Is.EqualTo(201));
        Assert.That((string)message!["id"]!, Does.StartWith("ME-"));
        Assert.That((string)message["conversation"]!, Is.EqualTo(conversationId));
        Assert.That((string)message["text"]!, Is.EqualTo("Working on it"));
        Assert.That(message["creator"]!["id"], Is.Not.Null);
        Assert.That(message["created"], Is.Not.Null);

        var (_, full, _) = await GetAsync($"conversations/{conversationId}");
        Assert.That(full!["messages"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(Sandbox.GetMessages(id).Select(m => (string)m["text"]!), Is.EqualTo(new[] { "Working on it" }));
        Assert.That((await PostAsync($"conversations/{conversationId}/messages", new { })).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Conversation_fixture_round_trips()
    {
        var id = Sandbox.AddConversationFromJson(await File.ReadAllTextAsync(Fixture("conversation_with_messages.php-sdk.json")));
        var (_, body, _) = await GetAsync($"conversations/{id}");
        Assert.That(body!["messages"]!.AsArray(), Has.Count.EqualTo(13));
        var (_, list, _) = await GetAsync("conversations?instance_id=PR-0064-1951-3417-001");
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Fixture("conversations_list_by_instance_id.php-sdk.json")));
        Assert.That(JsonNode.DeepEquals(list, expected), Is.True, list!.ToJsonString());
    }
}
