using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>Reading a page of requests: typed deserialisation against the floor, <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same bytes.</summary>
[MemoryDiagnoser]
public class PageDeserializationBenchmarks
{
    private byte[] payload = [];

    [Params("fixture-page-100", "large-page-10")]
    public string Payload { get; set; } = "fixture-page-100";

    /// <summary>The payload size, reported so allocation can be read as a multiple of it.</summary>
    public int PayloadBytes => payload.Length;

    [GlobalSetup]
    public void Setup() => payload = Payload == "fixture-page-100" ? BenchmarkData.FixturePage() : BenchmarkData.LargePage();

    [Benchmark(Baseline = true)]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark]
    public int TypedPage() => JsonSerializer.Deserialize(payload, ConnectJsonContext.Default.ListFulfillmentRequest)!.Count;

    /// <summary>The syntax check the client makes on a 2xx body of a read before it is parsed (see <c>BufferedContent</c>).</summary>
    [Benchmark]
    public bool SyntaxCheck() => BufferedContent.IsValidJson(payload);
}

/// <summary>Parameter lookup, RQL rendering and building a transition body.</summary>
[MemoryDiagnoser]
public class RequestOperationBenchmarks
{
    private FulfillmentRequest request = null!;

    [GlobalSetup]
    public void Setup() => request = JsonSerializer.Deserialize(BenchmarkData.LargeRequest(1).ToJsonString(), ConnectJsonContext.Default.FulfillmentRequest)!;

    [Benchmark]
    public string ParameterLookupByPhaseAndName()
        => request.TryGetParameterValue(ParameterPhase.Fulfillment, "param_98", out var value) ? value : string.Empty;

    [Benchmark]
    public string ParameterLookupById()
        => request.TryGetParameter("param_98", out var parameter) ? parameter.Value ?? string.Empty : string.Empty;

    [Benchmark]
    public int ItemChanges() => request.GetItemChanges().Changed.Count;

    [Benchmark]
    public string RenderProcessorQuery()
        => RequestQuery.Pending(["PRD-111-222-333", "PRD-444-555-666"], [ConnectionType.Preview, ConnectionType.Test]).ToRql()!.ToQueryString();

    [Benchmark]
    public string RenderQuotedQuery()
        => RqlFilter.And(RqlFilter.Eq("name", "Default Activation Template"), RqlFilter.Eq("scope", "asset")).ToQueryString();

    [Benchmark]
    public int ApproveBody()
        => JsonSerializer.SerializeToUtf8Bytes(new ApproveBody("TL-111-222-333", null, "2024-05-01T10:00:00.000000+00:00"), ConnectJsonContext.Default.ApproveBody).Length;

    [Benchmark]
    public int ParameterUpdateBody()
        => JsonSerializer.SerializeToUtf8Bytes(
            new UpdateRequestParametersBody(new WireParameterList([new WireParameter("subscription_id") { Value = "SUB-123456", ValueError = string.Empty }]), null),
            ConnectJsonContext.Default.UpdateRequestParametersBody).Length;
}
