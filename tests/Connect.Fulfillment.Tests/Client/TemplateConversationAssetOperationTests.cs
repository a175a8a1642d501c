using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>Product templates, conversations and assets: what is sent and what is read.</summary>
public class TemplateConversationAssetOperationTests
{
    private ConnectServer server = null!;
    private ConnectClient client = null!;

    [SetUp]
    public void SetUp()
    {
        server = ConnectServer.Start();
        client = server.Client(o => o.MaxConversationMessageLength = 20);
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        server.Dispose();
    }

    [Test]
    public async Task ListProductTemplates_sends_the_name_and_scope_filter_quoted_and_encoded()
    {
        server.Given("GET", "products/PRD-103-781-723/templates", body: "[" + Fixtures.Read("template_activation_asset.processor-template-example.json") + "]",
            headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/1" });

        var templates = await client.ListProductTemplatesAsync(
            "PRD-103-781-723",
            new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Asset }).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(templates.Single().Id, Is.EqualTo("TL-471-184-949"));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/products/PRD-103-781-723/templates"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo("?and(eq(name,%22Default%20Activation%20Template%22),eq(scope,asset))&limit=100&offset=0"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task FindConversation_looks_up_by_instance_id()
    {
        server.Given("GET", "conversations", body: Fixtures.Read("conversations_list_by_instance_id.php-sdk.json"));

        var conversation = await client.FindConversationAsync("PR-0064-1951-3417-001");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(conversation?.Id, Is.EqualTo("CO-608-552-367"));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/conversations"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo("?instance_id=PR-0064-1951-3417-001&limit=10&offset=0"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task FindConversation_escapes_the_instance_id()
    {
        server.Given("GET", "conversations", body: "[]");

        var conversation = await client.FindConversationAsync("PR-1&limit=1000");

        Assert.Multiple(() =>
        {
            Assert.That(conversation, Is.Null);
            Assert.That(server.Single().RequestMessage.RawQuery, Is.EqualTo("?instance_id=PR-1%26limit%3D1000&limit=10&offset=0"));
        });
    }

    [TestCase("notes-first", "CO-2")]
    [TestCase("untyped-only", "CO-3")]
    [TestCase("untyped-and-typed", "CO-2")]
    [TestCase("notes-only", null)]
    public async Task FindConversation_takes_the_conversation_type_not_the_notes(string shape, string? expected)
    {
        const string Notes = """{"id":"CO-1","instance_id":"PR-1","type":"notes","topic":"Internal notes"}""";
        const string Typed = """{"id":"CO-2","instance_id":"PR-1","type":"conversation","topic":"Fulfillment Request <PR-1>"}""";
        const string Untyped = """{"id":"CO-3","instance_id":"PR-1","topic":"Fulfillment Request <PR-1>"}""";
        var body = shape switch
        {
            "notes-first" => $"[{Notes},{Typed}]",
            "untyped-only" => $"[{Untyped}]",
            "untyped-and-typed" => $"[{Untyped},{Notes},{Typed}]",
            _ => $"[{Notes}]",
        };
        server.Given("GET", "conversations", body: body);

        var conversation = await client.FindConversationAsync("PR-1");

        Assert.That(conversation?.Id, Is.EqualTo(expected));
    }

    [Test]
    public async Task AddConversationMessage_caps_length_and_removes_control_characters()
    {
        server.Given("POST", "conversations/CO-608-552-367/messages", status: 201, body: Fixtures.Read("conversation_message_created.php-sdk.json"));

        var message = await client.AddConversationMessageAsync("CO-608-552-367", "Line\u0001 one\r\n\tLine\u001b two is much too long");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Is.EqualTo("ME-770-626-621"));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/conversations/CO-608-552-367/messages"));
            // 20 characters: 19 kept + the ellipsis; \u0001, \r and ESC removed, \n and \t kept.
            Assert.That(ConnectServer.Body(call), Is.EqualTo("""{"text":"Line one\n\tLine two …","type":"message"}"""));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public async Task AddConversationMessage_short_text_is_sent_unchanged()
    {
        server.Given("POST", "conversations/CO-1/messages", status: 201, body: Fixtures.Read("conversation_message_created.php-sdk.json"));

        await client.AddConversationMessageAsync("CO-1", "Ünïcode ok");

        Assert.That(ConnectServer.Body(server.Single()), Is.EqualTo("""{"text":"Ünïcode ok","type":"message"}"""));
    }

    [Test]
    public async Task GetAsset_reads_the_asset()
    {
        server.Given("GET", "assets/AS-9861-7949-8492", body: Fixtures.Read("asset_active.python-sdk.json"));

        var asset = await client.GetAssetAsync("AS-9861-7949-8492");

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(asset.Id, Is.EqualTo("AS-9861-7949-8492"));
            Assert.That(asset.Status, Is.EqualTo(AssetStatus.Active));
            Assert.That(call.RequestMessage.Method, Is.EqualTo("GET"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/assets/AS-9861-7949-8492"));
        });
        ConnectServer.AssertStandardHeaders(call);
    }
}
