using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>
/// Every real payload in tests/fixtures/connect, and every response example of the spec for an operation the client
/// uses, read through the public client exactly as it reads Connect's answers.
/// </summary>
public class PayloadTests
{
    // Payloads no client operation reads, with the reason.
    private static readonly Dictionary<string, string> NotRead = new(StringComparer.Ordinal)
    {
        ["product_parameters_fulfillment.connect-cli.json"] = "GET /products/{id}/parameters: parameter definitions, which the client does not read.",
    };

    private static IEnumerable<string> Fixtures() => Directory.GetFiles(Prism.FixturesDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Fixtures))]
    public async Task Every_fixture_is_read_by_the_client(string file)
    {
        if (NotRead.TryGetValue(file, out var reason))
        {
            Assert.Pass(reason);
        }

        var json = await File.ReadAllTextAsync(Path.Combine(Prism.FixturesDirectory, file));
        await ReadAsync(file, json);
    }

    [Test]
    public async Task Every_spec_response_example_of_a_used_operation_is_read_by_the_client()
    {
        var examples = SpecExamples.ForOperations(SpecExamples.UsedOperations.Keys).ToList();
        Assert.That(examples, Is.Not.Empty, "the spec has examples for conversations and messages");
        foreach (var (operation, name, json) in examples)
        {
            try
            {
                await ReadAsync(SpecExamples.UsedOperations[operation], json);
            }
            catch (Exception ex) when (ex is ConnectApiException or AssertionException)
            {
                Assert.Fail($"The spec's example '{name}' for {operation} could not be read: {ex.Message}");
            }
        }
    }

    /// <summary>Reads <paramref name="json"/> with the client operation that receives such a payload, chosen by its kind.</summary>
    internal static async Task ReadAsync(string kind, string json)
    {
        using var client = StubHandler.Client(kind.StartsWith("error_", StringComparison.Ordinal) ? "[]" : json);
        switch (kind)
        {
            case var k when k.StartsWith("requests_list", StringComparison.Ordinal):
                AssertAllRead(await client.GetRequestsPageAsync(null, 0));
                break;
            case var k when k.StartsWith("request_", StringComparison.Ordinal):
                Assert.That((await client.GetRequestAsync("PR-1")).Id, Is.Not.Null);
                break;
            case var k when k.StartsWith("tier_config_requests_list", StringComparison.Ordinal):
                AssertAllRead(await client.GetTierConfigRequestsPageAsync(null, 0));
                break;
            case var k when k.StartsWith("tier_config_request_", StringComparison.Ordinal):
                Assert.That((await client.GetTierConfigRequestAsync("TCR-1")).Id, Is.Not.Null);
                break;
            case var k when k.StartsWith("asset_", StringComparison.Ordinal):
                Assert.That((await client.GetAssetAsync("AS-1")).Id, Is.Not.Null);
                break;
            case var k when k.StartsWith("conversations_list", StringComparison.Ordinal):
                Assert.That(await client.FindConversationAsync("PR-1"), Is.Not.Null);
                break;
            case var k when k.StartsWith("conversation_with_messages", StringComparison.Ordinal):
                using (var single = StubHandler.Client("[" + json + "]"))
                {
                    Assert.That((await single.FindConversationAsync("PR-1"))?.Messages, Is.Not.Empty);
                }

                break;
            case var k when k.StartsWith("conversation_message", StringComparison.Ordinal):
                Assert.That((await client.AddConversationMessageAsync("CO-1", "text")).Id, Is.Not.Null);
                break;
            case var k when k.StartsWith("product_templates_list", StringComparison.Ordinal):
                Assert.That(await client.ListProductTemplatesAsync("PRD-1").ToListAsync(), Is.Not.Empty);
                break;
            case var k when k.StartsWith("template_", StringComparison.Ordinal):
                using (var single = StubHandler.Client("[" + json + "]"))
                {
                    Assert.That((await single.ListProductTemplatesAsync("PRD-1").ToListAsync()).Single().Id, Is.Not.Null);
                }

                break;
            case var k when k.StartsWith("error_", StringComparison.Ordinal):
                using (var failing = StubHandler.Client(json, status: 400))
                {
                    var error = Assert.ThrowsAsync<ConnectApiException>(() => failing.GetRequestAsync("PR-1"));
                    Assert.That(error!.ErrorCode, Is.Not.Null.And.Not.Empty);
                    Assert.That(error.Errors, Is.Not.Empty);
                }

                break;
            default:
                Assert.Fail($"No client operation is known for '{kind}': map it in PayloadTests.ReadAsync or list it in NotRead with the reason.");
                break;
        }
    }

    private static void AssertAllRead<T>(ConnectPage<T> page)
    {
        Assert.That(page.UnreadableItems.Select(u => u.Error), Is.Empty);
        Assert.That(page.Items, Is.Not.Empty);
    }
}
