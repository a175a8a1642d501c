using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>What a run keeps: exact counts for every request, results only for those not approved unless asked; and the compact exactly-once map.</summary>
public class ResultRetentionTests : PipelineTestBase
{
    protected override ConnectSandboxOptions SandboxOptions => new() { MaxPageSize = 7 };

    [Test]
    public async Task By_default_the_summary_counts_every_request_and_keeps_only_those_not_approved()
    {
        var ids = Sandbox.SeedRequests(30, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));
        var retry = ids.Where((_, i) => i % 5 == 0).ToHashSet();
        var calls = new ConcurrentDictionary<string, int>();
        var handler = new DelegateHandler(c =>
        {
            calls.AddOrUpdate(c.RequestId, 1, (_, n) => n + 1);
            return retry.Contains(c.RequestId) ? RequestOutcome.RetryLater("vendor busy") : RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o =>
        {
            o.KeepApprovedResults = false;
            o.MaxConcurrency = 3;
        }).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(calls.Keys, Is.EquivalentTo(ids));
            Assert.That(calls.Values, Has.All.EqualTo(1));
            Assert.That(summary.Total, Is.EqualTo(30));
            Assert.That(summary.Approved, Is.EqualTo(30 - retry.Count));
            Assert.That(summary.RetryLater, Is.EqualTo(retry.Count));
            Assert.That(summary.Results.Select(r => r.RequestId), Is.EquivalentTo(retry));
            Assert.That(summary.Results.Select(r => r.Status), Has.All.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(summary.ToString(), Does.EndWith($"approved: {30 - retry.Count}\nfailed: 0\ninquired: 0\nskipped: 0\nretry-later: {retry.Count}\n"), "the counts come last");
        });
    }

    [Test]
    public void The_default_keeps_approved_results_out()
        => Assert.That(new FulfillmentPipelineOptions().KeepApprovedResults, Is.False);

    [Test]
    public async Task A_dry_run_keeps_every_result()
    {
        var ids = Sandbox.SeedRequests(5, (i, r) => r.Type("cancel").Product(Product).Parameter("subscription_id", value: $"SUB-{i}"));

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, new DelegateHandler(_ => RequestOutcome.Approve(TemplateId))), o =>
        {
            o.KeepApprovedResults = false;
            o.DryRun = true;
        }).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(summary.Results.Select(r => r.RequestId), Is.EquivalentTo(ids));
            Assert.That(summary.Results.Select(r => r.IsDryRun), Has.All.True);
            Assert.That(summary.Total, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Requests_with_ids_of_other_shapes_are_handled_exactly_once_too()
    {
        var ids = Enumerable.Range(0, 20)
            .Select(i => i % 2 == 0 ? $"REQ-{i}" : $"PR-{i:0000}-0000-0000-001")
            .Select(id => Sandbox.Requests.Add(r => r.Id(id).Type("cancel").Product(Product).Parameter("subscription_id", value: "SUB-" + id)))
            .ToList();
        var calls = new ConcurrentDictionary<string, int>();
        var handler = new DelegateHandler(c =>
        {
            calls.AddOrUpdate(c.RequestId, 1, (_, n) => n + 1);
            return c.RequestId.StartsWith("REQ-", StringComparison.Ordinal) ? RequestOutcome.RetryLater("later") : RequestOutcome.Approve(TemplateId);
        });

        var summary = await CreatePipeline(new FulfillmentHandlers().Add(RequestType.Cancel, handler), o => o.MaxConcurrency = 3).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(calls.Keys, Is.EquivalentTo(ids));
            Assert.That(calls.Values, Has.All.EqualTo(1));
            Assert.That(summary.Total, Is.EqualTo(20));
            Assert.That(summary.RetryLater, Is.EqualTo(10));
        });
    }

    [TestCase("PR-1234-5678-9012-345", true)]
    [TestCase("PR-0000-0000-0000-000", true)]
    [TestCase("TCR-123-456-789-012", true)]
    [TestCase("PR-1234-5678-9012-3456", false)]
    [TestCase("PR-1234-5678-9012-34", false)]
    [TestCase("PR-1234_5678-9012-345", false)]
    [TestCase("PR-12a4-5678-9012-345", false)]
    [TestCase("TCR-1234-5678-9012-345", false)]
    [TestCase("AS-1234-5678-9012", false)]
    [TestCase("", false)]
    public void Connect_ids_of_the_usual_shapes_are_packed(string id, bool packs)
        => Assert.That(SeenRequests.TryPack(id, out _), Is.EqualTo(packs));

    [Test]
    public void Packed_keys_are_unique_across_shapes_and_digits()
    {
        string[] ids = ["PR-1234-5678-9012-345", "PR-0123-4567-8901-234", "PR-1234-5678-9012-346", "TCR-123-456-789-012", "TCR-012-345-678-901", "PR-0000-0000-0000-000", "TCR-000-000-000-000", "PR-0001-2345-6789-012"];
        var keys = ids.Select(id => SeenRequests.TryPack(id, out var key) ? key : throw new AssertionException(id)).ToList();
        Assert.That(keys.Distinct().Count(), Is.EqualTo(ids.Length));
    }

    [Test]
    public void A_remaining_request_is_counted_once_per_pass_and_one_in_progress_never()
    {
        var seen = new SeenRequests();
        Assert.That(seen.See("PR-1234-5678-9012-345", 1), Is.EqualTo(SeenRequests.Sighting.New));
        seen.AddInProgress("PR-1234-5678-9012-345");
        seen.AddInProgress("odd-id");
        Assert.Multiple(() =>
        {
            Assert.That(seen.See("PR-1234-5678-9012-345", 1), Is.EqualTo(SeenRequests.Sighting.Known));
            Assert.That(seen.See("odd-id", 1), Is.EqualTo(SeenRequests.Sighting.Known));
        });

        seen.MarkRemaining("PR-1234-5678-9012-345", 1);
        seen.MarkRemaining("odd-id", 1);
        Assert.Multiple(() =>
        {
            Assert.That(seen.See("PR-1234-5678-9012-345", 1), Is.EqualTo(SeenRequests.Sighting.Known), "already counted when it finished");
            Assert.That(seen.See("PR-1234-5678-9012-345", 2), Is.EqualTo(SeenRequests.Sighting.CountedNow));
            Assert.That(seen.See("PR-1234-5678-9012-345", 2), Is.EqualTo(SeenRequests.Sighting.Known));
            Assert.That(seen.See("odd-id", 2), Is.EqualTo(SeenRequests.Sighting.CountedNow));
            Assert.That(seen.See("PR-1234-5678-9012-346", 2), Is.EqualTo(SeenRequests.Sighting.New));
            Assert.That(seen.Count, Is.EqualTo(2));
        });
    }
}
