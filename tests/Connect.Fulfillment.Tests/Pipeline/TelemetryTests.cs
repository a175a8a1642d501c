using System.Collections.Concurrent;
using System.Diagnostics;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Telemetry;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

[NonParallelizable]
public class TelemetryTests : PipelineTestBase
{
    // A request type of its own, so that measurements of other tests never match.
    private const string ProbeType = "telemetry-probe";

    [Test]
    public async Task Each_request_is_logged_inside_a_scope_with_its_id_type_product_asset_and_environment()
    {
        var approved = AddRequest(ProbeType);
        var broken = AddRequest(ProbeType, subscriptionId: "SUB-2");
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        var handler = new DelegateHandler(c => c.RequestId == broken ? throw new InvalidOperationException("boom") : RequestOutcome.Approve(TemplateId));

        await CreatePipeline(new FulfillmentHandlers().Add(RequestType.From(ProbeType), handler), loggerFactory: factory).RunOnceAsync();

        var records = provider.Collector.GetSnapshot();
        var failure = records.Single(r => r.Level == LogLevel.Error && r.Exception is InvalidOperationException);
        Assert.That(failure.Message, Does.Contain(broken));
        var scope = ScopeOf(failure);
        Assert.Multiple(() =>
        {
            Assert.That(scope["connect.request.id"], Is.EqualTo(broken));
            Assert.That(scope["connect.request.type"], Is.EqualTo(ProbeType));
            Assert.That(scope["connect.product.id"], Is.EqualTo(Product));
            Assert.That(scope["connect.asset.id"], Is.EqualTo(Sandbox.GetRequestAssetId(broken)));
            Assert.That(scope["connect.environment"], Is.EqualTo("preview"));
        });

        var handled = records.Where(r => r.Message.Contains(approved, StringComparison.Ordinal)).ToList();
        Assert.That(handled, Is.Not.Empty);
        Assert.That(handled.Select(r => ScopeOf(r)["connect.request.id"]), Has.All.EqualTo(approved));
        Assert.That(records.Any(r => r.Message.Contains("Fulfillment run finished", StringComparison.Ordinal)), Is.True);
    }

    private static Dictionary<string, object?> ScopeOf(FakeLogRecord record)
        => record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s).ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public async Task The_request_counter_is_tagged_by_kind_type_and_outcome()
    {
        AddRequest(ProbeType);
        AddRequest(ProbeType);
        var retry = AddRequest(ProbeType);
        using var requests = new MetricCollector<long>(null, ConnectFulfillmentTelemetry.MeterName, ConnectFulfillmentTelemetry.RequestsCounterName);
        using var transitions = new MetricCollector<long>(null, ConnectFulfillmentTelemetry.MeterName, ConnectFulfillmentTelemetry.TransitionsCounterName);
        using var duration = new MetricCollector<double>(null, ConnectFulfillmentTelemetry.MeterName, ConnectFulfillmentTelemetry.DurationHistogramName);
        var handler = new DelegateHandler(c => c.RequestId == retry ? RequestOutcome.RetryLater("later") : RequestOutcome.Approve(TemplateId));

        await CreatePipeline(new FulfillmentHandlers().Add(RequestType.From(ProbeType), handler)).RunOnceAsync();

        var mine = requests.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue("connect.request.type", out var t) && (string?)t == ProbeType).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mine.Where(m => (string?)m.Tags["connect.outcome"] == "approved").Sum(m => m.Value), Is.EqualTo(2));
            Assert.That(mine.Where(m => (string?)m.Tags["connect.outcome"] == "retry-later").Sum(m => m.Value), Is.EqualTo(1));
            Assert.That(mine.Select(m => (string?)m.Tags["connect.request.kind"]), Has.All.EqualTo("fulfillment"));
            Assert.That(duration.GetMeasurementSnapshot().Count(m => m.Tags.TryGetValue("connect.request.type", out var t) && (string?)t == ProbeType), Is.EqualTo(3));
            Assert.That(transitions.GetMeasurementSnapshot().Where(m => (string?)m.Tags["connect.transition"] == "approve" && (string?)m.Tags["connect.result"] == "applied").Sum(m => m.Value), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Each_request_gets_an_activity_and_each_transition_a_child_activity()
    {
        var approved = AddRequest(ProbeType);
        var skipped = AddRequest(ProbeType);
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectFulfillmentTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var handler = new DelegateHandler(c => c.RequestId == skipped ? RequestOutcome.Skip("not now") : RequestOutcome.Approve(TemplateId));

        await CreatePipeline(new FulfillmentHandlers().Add(RequestType.From(ProbeType), handler)).RunOnceAsync();

        var mine = stopped.Where(a => a.GetTagItem("connect.request.id") is string id && (id == approved || id == skipped)).ToList();
        var perRequest = mine.Where(a => a.OperationName == "connect.fulfillment.process").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(perRequest.Select(a => a.GetTagItem("connect.request.id")), Is.EquivalentTo(new[] { approved, skipped }));
            Assert.That(perRequest.Single(a => (string?)a.GetTagItem("connect.request.id") == approved).GetTagItem("connect.outcome"), Is.EqualTo("approved"));
            Assert.That(perRequest.Single(a => (string?)a.GetTagItem("connect.request.id") == skipped).GetTagItem("connect.outcome"), Is.EqualTo("skipped"));
            var transition = mine.Single(a => a.OperationName == "connect.fulfillment.approve");
            Assert.That(transition.GetTagItem("connect.request.id"), Is.EqualTo(approved));
            Assert.That(transition.ParentSpanId, Is.EqualTo(perRequest.Single(a => (string?)a.GetTagItem("connect.request.id") == approved).SpanId));
        });
    }
}
