using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>What people read: log scopes as text, the per-request log line, the run summary and dry-run reasons.</summary>
[NonParallelizable]
public class ReportingTests : PipelineTestBase
{
    [Test]
    public async Task The_request_scope_prints_as_key_value_pairs_and_still_enumerates_its_values()
    {
        var id = AddRequest("cancel");
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));

        await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId))), loggerFactory: factory).RunOnceAsync();

        var handled = provider.Collector.GetSnapshot().Single(r => r.Id.Id == 2008);
        var scope = handled.Scopes.Single()!;
        var asset = Sandbox.GetRequestAssetId(id);

        // Text formatters (the plain console one, for instance) print a scope with ToString.
        Assert.That(scope.ToString(), Is.EqualTo($"connect.request.id={id} connect.request.type=cancel connect.product.id={Product} connect.asset.id={asset} connect.environment=preview"));
        Assert.That(((IEnumerable<KeyValuePair<string, object?>>)scope).Select(p => p.Key), Is.EqualTo(new[] { "connect.request.id", "connect.request.type", "connect.product.id", "connect.asset.id", "connect.environment" }));
    }

    [Test]
    public async Task The_handled_line_of_an_approved_request_has_no_null_and_a_reason_when_there_is_one()
    {
        var approved = AddRequest("cancel");
        var retried = AddRequest("cancel", subscriptionId: "SUB-2");
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        var handler = new DelegateHandler(c => c.RequestId == retried ? RequestOutcome.RetryLater("vendor busy") : RequestOutcome.Approve(TemplateId));

        await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), loggerFactory: factory).RunOnceAsync();

        var lines = provider.Collector.GetSnapshot().Where(r => r.Id.Id == 2008).ToDictionary(r => (string)r.StructuredState!.Single(p => p.Key == "RequestId").Value!, r => r.Message);
        Assert.Multiple(() =>
        {
            Assert.That(lines[approved], Is.EqualTo($"Request {approved}: approved"));
            Assert.That(lines[retried], Is.EqualTo($"Request {retried}: retry-later: vendor busy"));
        });
    }

    [Test]
    public void The_summary_prints_each_request_first_and_the_counts_last()
    {
        var summary = new RunSummary(
            [
                new RequestResult("PR-1", "cancel", RequestResultStatus.Approved, null),
                new RequestResult("PR-2", "purchase", RequestResultStatus.RetryLater, "vendor busy"),
                new RequestResult("TCR-1", "setup", RequestResultStatus.Failed, "no reseller", RequestKind.TierConfiguration),
            ],
            TimeSpan.FromSeconds(1),
            cancelled: false);

        Assert.That(summary.ToString(), Is.EqualTo(
            "PR-2 purchase retry-later: vendor busy\n" +
            "TCR-1 setup failed: no reseller\n" +
            "approved: 1\nfailed: 1\ninquired: 0\nskipped: 0\nretry-later: 1\n"));
    }

    [Test]
    public async Task A_dry_run_says_what_it_would_do_and_what_it_did_not_check()
    {
        var id = AddRequest("cancel");

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve())), o => o.DryRun = true).RunOnceAsync();

        var text = summary.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Reason, Is.EqualTo("dry run: would approve with the default template 'Default Activation Template' (not looked up)"));
            Assert.That(text, Does.StartWith($"{id} cancel approved: dry run: would approve"));
            Assert.That(text, Does.Contain("decided from the request as listed; template names were not looked up").And.Contain("nothing was written to Connect"));
            Assert.That(text, Does.EndWith("retry-later: 0\n"));
            Assert.That(CountCalls("GET", $"/products/{Product}/templates"), Is.Zero);
            Assert.That(CountCalls("GET", $"/requests/{id}"), Is.Zero);
        });
    }
}
