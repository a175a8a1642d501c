namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// What must hold after sample processes ran against the standalone sandbox, however they were interrupted, read
/// from outside them (the sandbox's inspection endpoints):
/// <list type="bullet">
/// <item>the same end state as a fault-free run: each request's status, asset status, vendor subscription status and
/// fail reason, matched by subscription id;</item>
/// <item>one transition per request: at most one applied transition call (counted by the sandbox even when the caller
/// died before the answer), and none refused by Connect (a 4xx other than an injected 429 means a second transition
/// for a request that had already moved);</item>
/// <item>one idempotency key per request at the vendor: repeats only with the same key, never without one, never a
/// key shared by two subscriptions, and at most one cancel that really acted.</item>
/// </list>
/// </summary>
internal static class ProcessRunInvariants
{
    /// <summary>Checks the three guarantees; returns the violations, empty when they hold.</summary>
    public static List<string> Check(
        IReadOnlyList<SandboxRequestState> expected,
        IReadOnlyList<SandboxRequestState> actual,
        IReadOnlyList<SandboxCallRecord> calls,
        IReadOnlyList<VendorCallRecord> vendorCalls)
    {
        var violations = new List<string>();
        CheckEndState(expected, actual, violations);
        CheckOneTransition(actual, calls, violations);
        CheckOneIdempotencyKey(actual, vendorCalls, violations);
        return violations;
    }

    /// <summary>Each request ends as in <paramref name="expected"/> (a fault-free run of the same scenario).</summary>
    public static void CheckEndState(IReadOnlyList<SandboxRequestState> expected, IReadOnlyList<SandboxRequestState> actual, List<string> violations)
    {
        var reference = expected.ToDictionary(r => r.SubscriptionId, StringComparer.Ordinal);
        if (actual.Count != expected.Count)
        {
            violations.Add($"{actual.Count} requests, the fault-free run has {expected.Count}");
        }

        foreach (var request in actual)
        {
            if (!reference.TryGetValue(request.SubscriptionId, out var want))
            {
                violations.Add($"{request.Id} ({request.SubscriptionId}) is not in the fault-free run");
            }
            else if (request.EndState != want.EndState)
            {
                violations.Add($"{request.Id} ({request.SubscriptionId}) ends {request.EndState}; the fault-free run gives {want.EndState}");
            }
        }
    }

    /// <summary>At most one applied transition per request, exactly one for a request that moved, and no refused one.</summary>
    public static void CheckOneTransition(IReadOnlyList<SandboxRequestState> requests, IReadOnlyList<SandboxCallRecord> calls, List<string> violations)
    {
        var transitions = calls.Where(c => c.Transition is not null).ToLookup(c => c.Transition!.Value.RequestId, StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var sent = transitions[request.Id].ToList();
            var applied = sent.Where(c => c.StateChanged).ToList();
            if (applied.Count > 1)
            {
                violations.Add($"{request.Id}: {applied.Count} transitions applied: {string.Join("; ", applied)}");
            }
            else if (applied.Count == 0 && request.Status != "pending")
            {
                violations.Add($"{request.Id}: ends {request.Status} with no applied transition call: {string.Join("; ", sent)}");
            }

            // An injected fault answers before the request is looked at; any other 4xx is Connect refusing the move.
            foreach (var refused in sent.Where(c => c.Fault is null or "Latency" && c.Status is >= 400 and < 500))
            {
                violations.Add($"{request.Id}: Connect refused {refused} (a second transition for a request that had already moved)");
            }
        }
    }

    /// <summary>One Idempotency-Key per subscription, none shared, none missing, and at most one cancel that acted.</summary>
    public static void CheckOneIdempotencyKey(IReadOnlyList<SandboxRequestState> requests, IReadOnlyList<VendorCallRecord> vendorCalls, List<string> violations)
    {
        var known = requests.Select(r => r.SubscriptionId).ToHashSet(StringComparer.Ordinal);
        foreach (var call in vendorCalls.Where(c => c.SubscriptionId is null || !known.Contains(c.SubscriptionId)))
        {
            violations.Add($"vendor call for no seeded subscription: {call}");
        }

        foreach (var group in vendorCalls.Where(c => c.SubscriptionId is not null).GroupBy(c => c.SubscriptionId!, StringComparer.Ordinal))
        {
            var keys = group.Select(c => c.IdempotencyKey ?? "(none)").Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count > 1 || keys.Contains("(none)"))
            {
                violations.Add($"{group.Key}: vendor called with keys {string.Join(", ", keys)}: {string.Join("; ", group)}");
            }

            var acted = group.Count(c => c.Acted && c.Path.EndsWith("/cancel", StringComparison.Ordinal));
            if (acted > 1)
            {
                violations.Add($"{group.Key}: cancelled {acted} times at the vendor: {string.Join("; ", group)}");
            }
        }

        foreach (var shared in vendorCalls.Where(c => c.IdempotencyKey is not null && c.SubscriptionId is not null)
            .GroupBy(c => c.IdempotencyKey!, StringComparer.Ordinal)
            .Where(g => g.Select(c => c.SubscriptionId).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            violations.Add($"idempotency key {shared.Key} used for several subscriptions: {string.Join("; ", shared)}");
        }
    }
}
