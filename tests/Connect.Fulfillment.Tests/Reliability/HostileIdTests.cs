using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Tests.Client;
using Connect.Fulfillment.Vendors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Ids that come from Connect are used in paths, vendor headers, log lines and summaries, so a listed id that is not
/// shaped like a Connect id is never used: its request is skipped and reported with the id escaped.
/// </summary>
public class HostileIdTests
{
    private const string Product = "PRD-1";
    private const string Injected = "PR-1\r\nX-Evil: 1";

    private ConnectServer server = null!;

    [SetUp]
    public void SetUp() => server = ConnectServer.Start();

    [TearDown]
    public void TearDown() => server.Dispose();

    [Test]
    public async Task A_listed_request_id_with_CR_LF_is_skipped_reported_escaped_and_never_reaches_the_vendor()
    {
        string[] page = [RequestJson(Injected), RequestJson("PR-GOOD")];
        server.Server.Given(Request.Create().WithPath(ConnectServer.BasePath + "/requests").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Content-Range", "items 0-1/2").WithBody("[" + string.Join(",", page) + "]"));
        server.Given("GET", "requests/PR-GOOD", body: RequestJson("PR-GOOD"));
        var adapter = new RecordingAdapter();
        var handlers = new FulfillmentHandlers().Add(RequestType.Purchase, _ => new VendorPurchaseHandler(adapter, new VendorHandlerOptions()));
        using var client = server.Client();
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1", ProcessTierConfigRequests = false }, handlers);

        var summary = await pipeline.RunOnceAsync();

        var hostile = summary.Results.Single(r => r.RequestId.StartsWith("PR-1", StringComparison.Ordinal));
        var calls = server.Received.Select(e => e.RequestMessage.Path).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(hostile.RequestId, Is.EqualTo("PR-1\\r\\nX-Evil: 1"));
            Assert.That(hostile.Status, Is.EqualTo(RequestResultStatus.Skipped));
            Assert.That(hostile.Reason, Does.Contain("not a valid Connect id").And.Not.Contain("\r").And.Not.Contain("\n"));
            Assert.That(adapter.Keys, Is.EqualTo(new[] { "PR-GOOD" }), "the vendor is called only with a validated idempotency key");
            Assert.That(calls, Has.None.Contains("PR-1"), "no Connect call is made for the hostile request");
            Assert.That(summary.ToString(), Does.Contain("PR-1\\r\\nX-Evil: 1 purchase skipped: ").And.Not.Contain("\r"));
        });
    }

    [Test]
    public void ProcessAsync_refuses_an_id_that_is_not_a_Connect_id_without_calling_Connect()
    {
        using var client = server.Client();
        var pipeline = new FulfillmentPipeline(client, new FulfillmentPipelineOptions { Products = [Product], ApproveTemplateId = "TL-1" }, new FulfillmentHandlers());

        var error = Assert.ThrowsAsync<ArgumentException>(() => pipeline.ProcessAsync(Injected));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("PR-1\\r\\nX-Evil: 1"));
            Assert.That(server.Received, Is.Empty);
        });
    }

    [TestCase(".")]
    [TestCase("..")]
    public void The_client_refuses_dot_segments_in_a_path(string id)
    {
        using var client = server.Client();

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => client.ApproveRequestAsync(id, ApproveRequest.WithTemplate("TL-1")));
            Assert.ThrowsAsync<ArgumentException>(() => client.GetRequestAsync(id));
            Assert.ThrowsAsync<ArgumentException>(() => client.GetAssetAsync(id));
            Assert.That(server.Received, Is.Empty);
        });
    }

    [Test]
    public void A_summary_prints_a_hostile_id_and_type_escaped_on_one_line()
    {
        var summary = new RunSummary([new RequestResult(Injected, "purchase\u2028", RequestResultStatus.Failed, "refused")], TimeSpan.Zero, cancelled: false);

        var lines = summary.ToString().Split('\n');

        Assert.That(lines[0], Is.EqualTo("PR-1\\r\\nX-Evil: 1 purchase\\u2028 failed: refused"));
    }

    [TestCase("PR-1234-5678-9012-345", true)]
    [TestCase("TCR-123-456-789-012", true)]
    [TestCase("AS-1234-5678-9012", true)]
    [TestCase("PRD-123-456-789", true)]
    [TestCase("TL-123-456-789", true)]
    [TestCase("NEWTYPE-ab12-X", true)]
    [TestCase("", false)]
    [TestCase(".", false)]
    [TestCase("..", false)]
    [TestCase("PR-", false)]
    [TestCase("-123", false)]
    [TestCase("pr-123", false)]
    [TestCase("PR-1/../approve", false)]
    [TestCase("PR-1.2", false)]
    [TestCase("PR-1 2", false)]
    [TestCase("PR-1\"", false)]
    [TestCase("PR-1\r\nX-Evil: 1", false)]
    [TestCase("PR-1\u0000", false)]
    [TestCase("PR-1\u00e9", false)]
    [TestCase("PR-1_2", false)]
    public void Connect_ids_are_letters_digits_and_hyphens_after_an_upper_case_prefix(string id, bool valid)
        => Assert.That(ConnectIds.IsValid(id), Is.EqualTo(valid));

    [Test]
    public void Ids_longer_than_the_bound_are_refused()
        => Assert.That(ConnectIds.IsValid("PR-" + new string('1', ConnectIds.MaxLength)), Is.False);

    [Test]
    public void Escaping_names_line_breaks_and_writes_other_non_printable_or_non_ASCII_characters_as_code_points()
        => Assert.That(ConnectIds.Escape("a\r\nb\t\u0007\u00e9\u202E\"z"), Is.EqualTo("a\\r\\nb\\t\\u0007\\u00E9\\u202E\"z"));

    private static string RequestJson(string id) =>
        $$$"""{"id":{{{JsonSerializer.Serialize(id)}}},"type":"purchase","status":"pending","note":null,"asset":{"id":"AS-1","status":"processing","product":{"id":"{{{Product}}}"},"connection":{"id":"CT-1","type":"preview"},"items":[],"params":[]}}""";

    private sealed class RecordingAdapter : IVendorPurchaseAdapter
    {
        public List<string> Keys { get; } = [];

        public Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default)
        {
            lock (Keys)
            {
                Keys.Add(context.IdempotencyKey);
            }

            return Task.FromResult(VendorResult.Rejected("test vendor says no"));
        }
    }
}
