using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>Turns the fault shares of the command line into sandbox fault rules and vendor behaviours, all seeded.</summary>
internal static class FaultPlan
{
    /// <summary>
    /// Adds the Connect fault rules. The first rule that fires wins, and each draws from the sandbox's seeded random
    /// source, so a share is of the calls that reach the rule: close enough to the share asked for at a few percent.
    /// </summary>
    public static void AddConnectFaults(ConnectSandbox sandbox, SandboxArguments arguments)
    {
        if (arguments.ResetRate > 0)
        {
            sandbox.Faults.Add(FaultRule.For("*").WithProbability(arguments.ResetRate).DropConnection());
        }

        if (arguments.FaultRate > 0)
        {
            sandbox.Faults.Add(FaultRule.For("*").WithProbability(arguments.FaultRate).ServerError(502));
        }

        if (arguments.RateLimitRate > 0)
        {
            sandbox.Faults.Add(FaultRule.For("*").WithProbability(arguments.RateLimitRate).RateLimit(retryAfterSeconds: 1));
        }

        if (arguments.LostRate > 0)
        {
            // Half the lost answers are a 500 after the change, half a connection cut off after it (a timeout, to the caller).
            static bool IsWrite(FaultContext call) => call.Method is "POST" or "PUT";
            sandbox.Faults.Add(FaultRule.For("*").When(IsWrite).WithProbability(arguments.LostRate / 2).LoseResponse(abortConnection: true));
            sandbox.Faults.Add(FaultRule.For("*").When(IsWrite).WithProbability(arguments.LostRate / 2).LoseResponse(statusCode: 500));
        }
    }

    /// <summary>Picks, from the seed, the subscriptions whose first vendor call fails: half with 503, half with 429.</summary>
    public static void AddVendorFaults(FakeVendorServer vendor, IEnumerable<string> subscriptionIds, SandboxArguments arguments)
    {
        if (arguments.VendorFaultRate <= 0)
        {
            return;
        }

        var random = new Random(arguments.Seed);
        foreach (var id in subscriptionIds)
        {
            if (random.NextDouble() < arguments.VendorFaultRate)
            {
                vendor.SetBehavior(id, random.NextDouble() < 0.5 ? VendorBehavior.Failure(503, times: 1) : VendorBehavior.RateLimited(1, times: 1));
            }
        }
    }
}
