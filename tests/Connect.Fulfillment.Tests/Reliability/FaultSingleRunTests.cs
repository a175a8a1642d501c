using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// Issue 13: under the faults of a real network — 5 % of Connect calls answered 502 and 1 % reset, on every call,
/// transitions included — ONE run must end exactly where a fault-free run ends, with no request transitioned twice
/// and one idempotency key per vendor side effect. A transition whose answer is lost is reconciled by a re-read; one
/// the re-read proves was not applied is sent again within the run, after a wait and a fresh re-read.
/// </summary>
public class FaultSingleRunTests
{
    public const int PopulationSeed = 1313;

    public const int PopulationSize = 300;

    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(90);

    [Test]
    public async Task One_run_with_5_percent_502_and_1_percent_resets_ends_exactly_where_a_fault_free_run_ends()
    {
        var population = FaultPopulation.Create(PopulationSeed, PopulationSize);
        var baseline = await FaultBaseline.OfAsync(population);
        await using var harness = await FaultHarness.StartAsync(population, new FaultHarnessOptions { SandboxSeed = 13 });
        var gateway = harness.Sandbox.Faults.Add(FaultRule.For(null, "*").WithProbability(0.05).ServerError(502));
        var resets = harness.Sandbox.Faults.Add(FaultRule.For(null, "*").WithProbability(0.01).DropConnection());

        var run = await harness.RunAsync().WaitAsync(RunBudget);

        var violations = FaultInvariants.Check(harness, baseline, requireBaseline: true);
        if (!run.Complete)
        {
            violations.Add($"the run did not complete: {run.ListingFailure?.Message ?? "cancelled"}");
        }

        // The requests no handler takes are skipped; nothing is left for a next run.
        violations.AddRange(run.Summary.Results.Where(r => r.Status == RequestResultStatus.RetryLater).Select(r => $"{r.RequestId} is retry-later: {r.Reason}"));
        var transitionsHit = run.Calls.Count(c => c.Method == "POST" && c.Fault is not null);
        var report = FaultInvariants.Describe(harness, violations, $"one run under 5% 502 and 1% resets ({gateway.FiredCount} 502s, {resets.FiredCount} resets, {transitionsHit} on transitions)");
        await TestContext.Out.WriteLineAsync(report);
        Assert.Multiple(() =>
        {
            Assert.That(transitionsHit, Is.GreaterThan(0), "no transition met a fault\n" + report);
            Assert.That(violations, Is.Empty, report);
        });
    }
}
