using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>What a request of the population is meant to meet when nothing goes wrong.</summary>
public enum FaultScenario
{
    /// <summary>Cancel, change, suspend or resume that the vendor carries out: approved.</summary>
    VendorDone,

    /// <summary>The vendor answers "already done": approved, no side effect.</summary>
    VendorAlreadyDone,

    /// <summary>The vendor does not know the subscription: failed.</summary>
    VendorNotFound,

    /// <summary>The vendor refuses for good: failed.</summary>
    VendorRejected,

    /// <summary>The subscription id parameter is empty: failed by the built-in handler without a vendor call.</summary>
    MissingSubscriptionId,

    /// <summary>A purchase the vendor creates: the id is stored, then approved.</summary>
    PurchaseCreates,

    /// <summary>A purchase whose id an earlier run stored: approved without a vendor call.</summary>
    PurchaseAlreadyCreated,

    /// <summary>A purchase the vendor refuses: failed.</summary>
    PurchaseRejected,

    /// <summary>A request type no handler takes (adjustment): skipped, stays pending.</summary>
    NoHandler,

    /// <summary>A tier configuration setup the vendor does: approved.</summary>
    TierSetupDone,

    /// <summary>A tier configuration setup the vendor refuses: failed.</summary>
    TierSetupRejected,
}

/// <summary>One request of a <see cref="FaultPopulation"/>.</summary>
/// <param name="Id">The request id.</param>
/// <param name="IsTierConfig">Whether it is a tier configuration request.</param>
/// <param name="Type">The request type.</param>
/// <param name="Scenario">What the vendor does with it.</param>
/// <param name="Target">What the vendor acts on: the subscription id, the asset id (purchase) or the tier account id.</param>
public sealed record FaultPlannedRequest(string Id, bool IsTierConfig, string Type, FaultScenario Scenario, string Target)
{
    /// <summary>Whether a fault-free run calls the vendor for this request.</summary>
    public bool CallsVendor => Scenario is not (FaultScenario.MissingSubscriptionId or FaultScenario.PurchaseAlreadyCreated or FaultScenario.NoHandler);

    /// <summary>The status the scenario leads to in a fault-free run.</summary>
    public string IntendedStatus => Scenario switch
    {
        FaultScenario.VendorDone or FaultScenario.VendorAlreadyDone or FaultScenario.PurchaseCreates or FaultScenario.PurchaseAlreadyCreated or FaultScenario.TierSetupDone => "approved",
        FaultScenario.NoHandler => "pending",
        _ => "failed",
    };
}

/// <summary>
/// A mixed population of pending requests generated from a seed: purchases, changes, suspends, resumes, cancels,
/// a few adjustments no handler takes and a few tier configuration setups, with vendor answers that approve, fail
/// or skip them. The same seed and size always give the same population, so a fault-free run over a second sandbox
/// seeded from it is the baseline of a faulted run.
/// </summary>
public sealed class FaultPopulation
{
    public const string Product = "PRD-1";
    public const string SubscriptionIdParameter = "subscription_id";

    private readonly Dictionary<string, FaultPlannedRequest> byId;

    private FaultPopulation(int seed, IReadOnlyList<FaultPlannedRequest> requests)
    {
        Seed = seed;
        Requests = requests;
        byId = requests.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public int Seed { get; }

    public IReadOnlyList<FaultPlannedRequest> Requests { get; }

    public FaultPlannedRequest this[string id] => byId[id];

    public bool Contains(string id) => byId.ContainsKey(id);

    public static FaultPopulation Create(int seed, int size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 99_999);
        var random = new Random(seed);
        var requests = new List<FaultPlannedRequest>(size);
        for (var i = 0; i < size; i++)
        {
            var roll = random.NextDouble();
            var scenarioRoll = random.NextDouble();
            var number = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            if (roll < 0.05)
            {
                requests.Add(new($"TCR-{number[..2]}0-{number[2..]}-000-001", true, "setup", scenarioRoll < 0.8 ? FaultScenario.TierSetupDone : FaultScenario.TierSetupRejected, $"TA-0000-{number}"));
                continue;
            }

            var id = $"PR-{number[..1]}000-{number[1..]}-0000-001";
            if (roll < 0.35)
            {
                var scenario = scenarioRoll < 0.7 ? FaultScenario.PurchaseCreates : scenarioRoll < 0.85 ? FaultScenario.PurchaseAlreadyCreated : FaultScenario.PurchaseRejected;
                requests.Add(new(id, false, "purchase", scenario, AssetIdOf(i)));
                continue;
            }

            if (roll < 0.39)
            {
                requests.Add(new(id, false, "adjustment", FaultScenario.NoHandler, $"SUB-{number}"));
                continue;
            }

            var type = roll switch
            {
                < 0.54 => "change",
                < 0.69 => "suspend",
                < 0.79 => "resume",
                _ => "cancel",
            };
            var peer = scenarioRoll switch
            {
                < 0.6 => FaultScenario.VendorDone,
                < 0.7 => FaultScenario.VendorAlreadyDone,
                < 0.8 => FaultScenario.VendorNotFound,
                < 0.9 => FaultScenario.VendorRejected,
                _ => FaultScenario.MissingSubscriptionId,
            };
            requests.Add(new(id, false, type, peer, $"SUB-{number}"));
        }

        return new FaultPopulation(seed, requests);
    }

    /// <summary>Adds the products, templates and requests to a sandbox, in population order.</summary>
    public void SeedInto(ConnectSandbox sandbox)
    {
        sandbox.Products.Add(Product, p => p.Template("TL-1").Template("TL-T1", scope: "tier1"));
        for (var i = 0; i < Requests.Count; i++)
        {
            var planned = Requests[i];
            if (planned.IsTierConfig)
            {
                sandbox.TierConfigRequests.Add(t => t.Id(planned.Id).Type(planned.Type).Product(Product).TierLevel(1).Account(planned.Target, $"Reseller {planned.Target}"));
                continue;
            }

            var index = i;
            sandbox.Requests.Add(r =>
            {
                r.Id(planned.Id).Type(planned.Type).Product(Product).Asset(AssetIdOf(index));
                switch (planned.Scenario)
                {
                    case FaultScenario.PurchaseCreates or FaultScenario.PurchaseRejected:
                        r.Parameter(SubscriptionIdParameter, required: true).Item("SKU-1", quantity: 1 + (index % 5));
                        break;
                    case FaultScenario.PurchaseAlreadyCreated:
                        r.Parameter(SubscriptionIdParameter, value: $"SUB-EARLIER-{index}", required: true).Item("SKU-1", quantity: 1);
                        break;
                    case FaultScenario.MissingSubscriptionId:
                        r.Parameter(SubscriptionIdParameter);
                        break;
                    default:
                        r.Parameter(SubscriptionIdParameter, value: planned.Target);
                        break;
                }
            });
        }
    }

    /// <summary>The status of every request of the population in a sandbox.</summary>
    public Dictionary<string, string> StatusesIn(ConnectSandbox sandbox)
    {
        var statuses = new Dictionary<string, string>(Requests.Count, StringComparer.Ordinal);
        foreach (var planned in Requests)
        {
            statuses[planned.Id] = (planned.IsTierConfig ? sandbox.GetTierConfigRequestStatus(planned.Id) : sandbox.GetRequestStatus(planned.Id))
                ?? throw new InvalidOperationException($"{planned.Id} is missing from the sandbox");
        }

        return statuses;
    }

    private static string AssetIdOf(int index) => $"AS-{index / 10_000:D4}-{index % 10_000:D4}-0000";
}
