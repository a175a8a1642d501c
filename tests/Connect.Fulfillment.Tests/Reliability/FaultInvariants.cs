using System.Text;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// The reliability guarantees, checked from outside the pipeline (sandbox state, Connect's call log, the vendor's
/// journal) over every run of a harness:
/// <list type="bullet">
/// <item>nothing lost: each request ends as in the fault-free baseline, or stays pending and the run reported it
/// (retry-later, skipped, or not reached by a run that was cancelled or whose listing failed);</item>
/// <item>nothing doubled: a transition is sent again in a run only after a successful re-read of its request made
/// since the previous attempt, and only when that attempt was not applied (a 429 was not processed and may be re-sent
/// at once), at most <see cref="MaxAttempts"/> times; at most one is applied over all runs, none refused because the
/// request had already moved; the vendor acts on a target only under one idempotency key, the request id;</item>
/// <item>no approve after a failed vendor call, no fail after a successful one;</item>
/// <item>exact summaries: every status change of a run is in its summary with the matching outcome, every unchanged
/// request in it is retry-later or skipped, counts match, no request twice, a complete run reports every pending
/// request and a run that ended early reports every request it reached. The one change a summary may not count is
/// a transition whose answer was lost and whose re-read failed too: it is reported retry-later as "not confirmed",
/// because the pipeline cannot know whether Connect applied it.</item>
/// </list>
/// </summary>
public static class FaultInvariants
{
    private static readonly string[] Transitions = ["approve", "fail", "inquire", "pend"];

    /// <summary>The most transition calls one request may get in one run, 429s aside: the pipeline's default attempts.</summary>
    public static readonly int MaxAttempts = new FulfillmentPipelineOptions().MaxTransitionAttempts;

    /// <summary>Checks every run; with <paramref name="requireBaseline"/>, also that the last run ends exactly at the baseline.</summary>
    /// <returns>The violations, empty when every guarantee holds.</returns>
    public static List<string> Check(FaultHarness harness, IReadOnlyDictionary<string, string> baseline, bool requireBaseline)
    {
        var violations = new List<string>();
        var population = harness.Population;
        var journal = harness.Vendor.Journal;
        var callsByRequest = journal.GroupBy(c => c.RequestId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in harness.Runs)
        {
            CheckSummary(run, violations);
            CheckNothingLost(run, baseline, journal, violations);
            CheckTransitionCalls(run, population, applied, violations);
            CheckVendorBeforeTransition(run, population, callsByRequest, violations);
        }

        foreach (var (id, count) in applied.Where(a => a.Value > 1))
        {
            violations.Add($"{id}: {count} transitions applied over all runs");
        }

        CheckIdempotency(journal, violations);
        if (requireBaseline && harness.Runs.Count > 0)
        {
            foreach (var (id, status) in harness.Runs[^1].After.Where(s => s.Value != baseline[s.Key]))
            {
                violations.Add($"{id} ({population[id].Scenario}): ends {status}, the fault-free run gives {baseline[id]}");
            }
        }

        return violations;
    }

    /// <summary>A readable report for an assertion message: the seeds, the runs and the first violations.</summary>
    public static string Describe(FaultHarness harness, IReadOnlyList<string> violations, string what)
    {
        var text = new StringBuilder();
        text.Append(what).Append(": population seed ").Append(harness.Population.Seed).Append(", ")
            .Append(harness.Population.Requests.Count).Append(" requests, ")
            .Append(harness.Vendor.Journal.Count).Append(" vendor calls, ").Append(harness.Clock.CompressedWaits).Append(" Retry-After waits\n");
        foreach (var run in harness.Runs)
        {
            text.Append("run ").Append(run.Number).Append(": ").Append(run.Duration.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)).Append(" ms, ")
                .Append("approved ").Append(run.Summary.Approved).Append(", failed ").Append(run.Summary.Failed)
                .Append(", skipped ").Append(run.Summary.Skipped).Append(", retry-later ").Append(run.Summary.RetryLater)
                .Append(", ").Append(run.Calls.Count).Append(" Connect calls, ").Append(run.Calls.Count(c => c.Fault is not null)).Append(" faulted")
                .Append(run.Summary.Cancelled ? ", cancelled" : string.Empty)
                .Append(run.ListingFailure is { } failure ? ", listing failed: " + failure.Message : string.Empty).Append('\n');
        }

        text.Append(violations.Count).Append(" violations:\n");
        foreach (var violation in violations.Take(25))
        {
            text.Append("  ").Append(violation).Append('\n');
        }

        return text.ToString();
    }

    private static void CheckSummary(FaultRun run, List<string> violations)
    {
        var summary = run.Summary;
        var results = new Dictionary<string, RequestResult>(StringComparer.Ordinal);
        foreach (var result in summary.Results)
        {
            if (!results.TryAdd(result.RequestId, result))
            {
                violations.Add($"run {run.Number}: {result.RequestId} is in the summary twice");
            }
        }

        foreach (var result in summary.Results)
        {
            if (!run.Before.TryGetValue(result.RequestId, out var before))
            {
                violations.Add($"run {run.Number}: the summary names {result.RequestId}, which is not in the population");
                continue;
            }

            var after = run.After[result.RequestId];
            var consistent = result.Status switch
            {
                RequestResultStatus.Approved => before == "pending" && after == "approved",
                RequestResultStatus.Failed => before == "pending" && after == "failed",
                RequestResultStatus.RetryLater => after == before || (before == "pending" && after == UnconfirmedTarget(result)),
                RequestResultStatus.Skipped => after == before,
                _ => false,
            };
            if (!consistent)
            {
                violations.Add($"run {run.Number}: {result.RequestId} reported {RunSummary.NameOf(result.Status)} ({result.Reason}) but went from {before} to {after}");
            }
        }

        var changed = run.After.Where(s => run.Before[s.Key] != s.Value).ToList();
        foreach (var (id, after) in changed.Where(c => !results.ContainsKey(c.Key)))
        {
            violations.Add($"run {run.Number}: {id} went from {run.Before[id]} to {after} but is not in the summary");
        }

        // A transition whose answer was lost and whose re-read failed too is reported retry-later, "not confirmed":
        // Connect may have applied it. Those are the only status changes a summary may leave uncounted.
        var unconfirmed = changed.Where(c => results.TryGetValue(c.Key, out var r) && r.Status == RequestResultStatus.RetryLater).ToList();
        var approved = changed.Count(c => c.Value == "approved") - unconfirmed.Count(c => c.Value == "approved");
        var failed = changed.Count(c => c.Value == "failed") - unconfirmed.Count(c => c.Value == "failed");
        if (summary.Approved != approved || summary.Failed != failed || summary.Inquired != 0 || summary.Pended != 0)
        {
            violations.Add($"run {run.Number}: the summary counts approved {summary.Approved}, failed {summary.Failed}, inquired {summary.Inquired}, pended {summary.Pended}; Connect shows {approved} approved and {failed} failed");
        }

        if (summary.Approved + summary.Failed + summary.Skipped + summary.RetryLater != summary.Results.Count)
        {
            violations.Add($"run {run.Number}: the counts do not add up to the {summary.Results.Count} results");
        }

        if (run.Complete)
        {
            foreach (var id in run.Before.Where(s => s.Value == "pending" && !results.ContainsKey(s.Key)).Select(s => s.Key))
            {
                violations.Add($"run {run.Number}: {id} was pending and the run completed, but it is not in the summary");
            }
        }
    }

    /// <summary>The status a retry-later result says Connect may have reached: its transition was sent, the answer was lost and the re-read failed.</summary>
    private static string? UnconfirmedTarget(RequestResult result)
    {
        var reason = result.Reason ?? string.Empty;
        if (!reason.Contains(" was not confirmed (", StringComparison.Ordinal) || !reason.Contains("could not be re-read", StringComparison.Ordinal))
        {
            return null;
        }

        return reason.StartsWith("approve ", StringComparison.Ordinal) ? "approved" : reason.StartsWith("fail ", StringComparison.Ordinal) ? "failed" : null;
    }

    private static void CheckNothingLost(FaultRun run, IReadOnlyDictionary<string, string> baseline, IReadOnlyList<FaultVendorCall> journal, List<string> violations)
    {
        var reported = run.Summary.Results.DistinctBy(r => r.RequestId, StringComparer.Ordinal).ToDictionary(r => r.RequestId, StringComparer.Ordinal);

        // A request the run called the vendor for, or read, wrote or moved on its own, was reached: even a run that
        // ended early (cancelled, listing failed) must report it.
        var reached = journal.Where(c => c.Run == run.Number).Select(c => c.RequestId)
            .Concat(run.Calls.Select(RequestOf).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (id, status) in run.After)
        {
            if (status == baseline[id])
            {
                if (status == "pending" && run.Before[id] == "pending" && reported.TryGetValue(id, out var same) && same.Status != RequestResultStatus.Skipped)
                {
                    violations.Add($"run {run.Number}: {id} has no handler but was reported {RunSummary.NameOf(same.Status)}");
                }

                continue;
            }

            if (status != "pending")
            {
                violations.Add($"run {run.Number}: {id} is {status}; the fault-free run gives {baseline[id]}");
                continue;
            }

            if (reported.TryGetValue(id, out var result))
            {
                if (result.Status != RequestResultStatus.RetryLater)
                {
                    violations.Add($"run {run.Number}: {id} stays pending (fault-free: {baseline[id]}) but was reported {RunSummary.NameOf(result.Status)}: {result.Reason}");
                }
            }
            else if (run.Complete)
            {
                violations.Add($"run {run.Number}: {id} stays pending (fault-free: {baseline[id]}) and the complete run does not report it");
            }
            else if (reached.Contains(id))
            {
                violations.Add($"run {run.Number}: {id} stays pending (fault-free: {baseline[id]}); the run ended early but had reached it, and does not report it");
            }
        }
    }

    private static void CheckTransitionCalls(FaultRun run, FaultPopulation population, Dictionary<string, int> applied, List<string> violations)
    {
        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        var previous = new Dictionary<string, CallLogEntry>(StringComparer.Ordinal);
        foreach (var call in run.Calls)
        {
            if (TransitionOf(call) is not { } transition)
            {
                continue;
            }

            var id = transition.RequestId;
            if (!population.Contains(id))
            {
                violations.Add($"run {run.Number}: {call} is for a request outside the population");
                continue;
            }

            // A 429 was not processed; the client (or the pipeline, after Retry-After) sends it again at once.
            if (call.Fault != FaultKind.RateLimit)
            {
                sent[id] = sent.GetValueOrDefault(id) + 1;
            }

            if (previous.TryGetValue(id, out var before) && before.Fault != FaultKind.RateLimit)
            {
                if (Applied(before))
                {
                    violations.Add($"run {run.Number}: {call} was sent again after {before} had been applied");
                }
                else if (!run.Calls.Any(c => c.Sequence > before.Sequence && c.Sequence < call.Sequence && IsSuccessfulReRead(c, id)))
                {
                    violations.Add($"run {run.Number}: {call} was sent again after {before} without a re-read proving it was not applied");
                }
            }

            previous[id] = call;
            var ordinary = call.Fault is null or FaultKind.Latency;
            if (Applied(call))
            {
                applied[id] = applied.GetValueOrDefault(id) + 1;
            }
            else if (ordinary && call.StatusCode is >= 400 and < 500)
            {
                violations.Add($"run {run.Number}: Connect refused {call} (the request had already moved, or the call was wrong)");
            }
        }

        foreach (var (id, count) in sent.Where(s => s.Value > MaxAttempts))
        {
            violations.Add($"run {run.Number}: {id} got {count} transition calls in one run; at most {MaxAttempts} attempts are allowed");
        }
    }

    /// <summary>Whether Connect applied a transition call: answered 2xx, or applied and the answer lost.</summary>
    private static bool Applied(CallLogEntry call)
        => ((call.Fault is null or FaultKind.Latency) && call.StatusCode is >= 200 and < 300) || (call.Fault == FaultKind.LoseResponse && call.StateChanged);

    private static bool IsSuccessfulReRead(CallLogEntry call, string requestId)
        => call.Method == "GET" && call.StatusCode == 200 && (call.Fault is null or FaultKind.Latency) && RequestOf(call) == requestId;

    /// <summary>The last vendor answer before a request's transition must agree with it.</summary>
    private static void CheckVendorBeforeTransition(FaultRun run, FaultPopulation population, Dictionary<string, List<FaultVendorCall>> callsByRequest, List<string> violations)
    {
        foreach (var (id, after) in run.After.Where(s => run.Before[s.Key] != s.Value))
        {
            var planned = population[id];
            var calls = callsByRequest.TryGetValue(id, out var all) ? all.Where(c => c.Run <= run.Number).ToList() : [];
            var last = calls.Count == 0 ? null : calls[^1];
            if (after == "approved")
            {
                var fine = last is null ? planned.Scenario == FaultScenario.PurchaseAlreadyCreated : last.IsSuccess;
                if (!fine)
                {
                    violations.Add($"run {run.Number}: {id} ({planned.Scenario}) approved after the vendor answered {last?.Answer.ToString() ?? "nothing"}");
                }
            }
            else if (after == "failed")
            {
                var fine = last is null ? planned.Scenario == FaultScenario.MissingSubscriptionId : last.IsRefusal;
                if (!fine || calls.Any(c => c.IsSuccess))
                {
                    violations.Add($"run {run.Number}: {id} ({planned.Scenario}) failed after the vendor answered {string.Join(", ", calls.Select(c => c.Answer))}");
                }
            }
        }
    }

    private static void CheckIdempotency(IReadOnlyList<FaultVendorCall> journal, List<string> violations)
    {
        foreach (var call in journal.Where(c => c.IdempotencyKey != c.RequestId || c.Answer == FaultVendorAnswer.Unexpected))
        {
            violations.Add($"vendor call {call}: the key must be the request id and the request must need the call");
        }

        foreach (var group in journal.Where(c => c.Reached).GroupBy(c => (c.Action, c.Target)))
        {
            var keys = group.Select(c => c.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count > 1)
            {
                violations.Add($"vendor {group.Key.Action} of {group.Key.Target} done under {keys.Count} keys: {string.Join(", ", keys)}");
            }
        }

        foreach (var group in journal.Where(c => c.Fresh).GroupBy(c => c.IdempotencyKey).Where(g => g.Count() > 1))
        {
            violations.Add($"vendor side effect of key {group.Key} applied {group.Count()} times");
        }
    }

    /// <summary>The request a call is about (<c>/requests/{id}…</c>, <c>/tier/config-requests/{id}…</c>), or null for lists and lookups.</summary>
    public static string? RequestOf(CallLogEntry call)
    {
        var segments = call.RelativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["requests", var id, ..] => id,
            ["tier", "config-requests", var id, ..] => id,
            _ => null,
        };
    }

    private static (string RequestId, string Transition)? TransitionOf(CallLogEntry call)
    {
        if (call.Method != "POST")
        {
            return null;
        }

        var segments = call.RelativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["requests", var id, var action] when Transitions.Contains(action) => (id, action),
            ["tier", "config-requests", var id, var action] when Transitions.Contains(action) => (id, action),
            _ => null,
        };
    }
}
