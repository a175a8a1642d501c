using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

public class TemplatesConversationsAssetsTests : ClientTestBase
{
    private const string OddName = "Welcome, (new) \"customer\" & co=1";

    [SetUp]
    public void AddTemplates() =>
        Sandbox.Products.Add("PRD-T", p => p
            .Template("TL-A", name: "Default Activation Template", scope: "asset")
            .Template("TL-T1", name: "Default Activation Template", scope: "tier1")
            .Template("TL-Q", name: "Need more data", scope: "asset", type: "inquire")
            .Template("TL-ODD", name: OddName, scope: "asset")
            .Template("TL-W", name: "Welcome", scope: "asset"));

    [Test]
    public async Task Templates_by_name_scope_and_type()
    {
        async Task<List<string?>> Ids(TemplateQuery? query) => (await ToListAsync(Client.ListProductTemplatesAsync("PRD-T", query))).Select(t => t.Id).ToList();

        Assert.That(await Ids(null), Is.EquivalentTo(new[] { "TL-A", "TL-T1", "TL-Q", "TL-ODD", "TL-W" }));
        Assert.That(await Ids(new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Asset }), Is.EqualTo(new[] { "TL-A" }));
        Assert.That(await Ids(new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Tier1 }), Is.EqualTo(new[] { "TL-T1" }));
        Assert.That(await Ids(new TemplateQuery { Type = TemplateType.Inquire }), Is.EqualTo(new[] { "TL-Q" }));
        Assert.That(await Ids(new TemplateQuery { Name = OddName }), Is.EqualTo(new[] { "TL-ODD" }));
        Assert.That(await Ids(new TemplateQuery { Name = "Welcome" }), Is.EqualTo(new[] { "TL-W" }));
        Assert.That(await Ids(new TemplateQuery { Name = "No such template" }), Is.Empty);

        var template = (await ToListAsync(Client.ListProductTemplatesAsync("PRD-T", new TemplateQuery { Name = OddName }))).Single();
        Assert.That(template.Name, Is.EqualTo(OddName));
        Assert.That(template.Scope, Is.EqualTo(TemplateScope.Asset));
    }

    [Test]
    public async Task Conversation_is_found_by_request_id_and_takes_a_message()
    {
        var id = AddPending();

        var conversation = await Client.FindConversationAsync(id);
        Assert.That(conversation, Is.Not.Null);
        Assert.That(conversation!.InstanceId, Is.EqualTo(id));

        var message = await Client.AddConversationMessageAsync(conversation.Id!, "Cancelled at the vendor: SUB-1 (ok) & done");
        Assert.That(message.Text, Is.EqualTo("Cancelled at the vendor: SUB-1 (ok) & done"));
        Assert.That(Sandbox.GetMessages(id).Select(m => (string?)m["text"]), Does.Contain("Cancelled at the vendor: SUB-1 (ok) & done"));
        Assert.That(Sandbox.CallLog.Count(e => e.Matches("POST", $"/conversations/{conversation.Id}/messages") && e.StatusCode == 201), Is.EqualTo(1));
    }

    [Test]
    public async Task Long_message_is_capped_and_unknown_conversation_is_null()
    {
        var id = AddPending();
        using var client = ConnectClient.Create(Options(o => o.MaxConversationMessageLength = 40));
        var conversation = (await client.FindConversationAsync(id))!;

        var message = await client.AddConversationMessageAsync(conversation.Id!, new string('x', 500) + "\u0007");
        Assert.That(message.Text!.Length, Is.LessThanOrEqualTo(40));
        Assert.That((string?)Sandbox.GetMessages(id).Single()["text"], Has.Length.LessThanOrEqualTo(40));

        Assert.That(await client.FindConversationAsync("PR-0000-0000-0000-404"), Is.Null);
    }

    [Test]
    public async Task Asset_reads_with_product_connection_and_params()
    {
        var id = AddPending(subscriptionId: "SUB-5");
        await Client.ApproveRequestAsync(id, ApproveRequest.WithTemplate(TemplateId));
        var assetId = Sandbox.GetRequestAssetId(id)!;

        var asset = await Client.GetAssetAsync(assetId);

        Assert.That(asset.Id, Is.EqualTo(assetId));
        Assert.That(asset.Status, Is.EqualTo(AssetStatus.Active));
        Assert.That(asset.Product?.Id, Is.EqualTo(Product));
        Assert.That(asset.Connection?.Type, Is.EqualTo(ConnectionType.Preview));
        Assert.That(asset.Parameters.Single(p => p.Id == "subscription_id").Value, Is.EqualTo("SUB-5"));
        Assert.That(await ThrowsConnectAsync(() => Client.GetAssetAsync("AS-0000-0000-404")), Is.InstanceOf<ConnectNotFoundException>());
    }
}
