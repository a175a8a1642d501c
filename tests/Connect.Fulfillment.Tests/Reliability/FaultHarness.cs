using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>Settings of a <see cref="FaultHarness"/>.</summary>
public sealed record FaultHarnessOptions
{
    /// <summary>The per-attempt client timeout; short when a fault hangs.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pipeline's handler timeout; short when a vendor hangs.</summary>
    public TimeSpan HandlerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxConcurrency { get; init; } = 4;

    /// <summary>The client page size; small so that a run reads many pages while the pending set shrinks.</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>The sandbox seed, which drives its probabilistic faults.</summary>
    public int SandboxSeed { get; init; } = 1;
}

/// <summary>What one run did, as seen from outside the pipeline.</summary>
/// <param name="Number">1 for the first run of a harness.</param>
/// <param name="Summary">The summary returned, or the partial one attached to a listing failure.</param>
/// <param name="ListingFailure">The exception when listing failed and the run ended early.</param>
/// <param name="Before">The status of every request before the run.</param>
/// <param name="After">The status of every request after the run.</param>
/// <param name="Calls">The calls Connect received during the run.</param>
/// <param name="Duration">The wall-clock time of the run.</param>
public sealed record FaultRun(int Number, RunSummary Summary, FulfillmentRunException? ListingFailure, IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After, IReadOnlyList<CallLogEntry> Calls, TimeSpan Duration)
{
    /// <summary>Whether the run saw every request: not cancelled and listing did not fail.</summary>
    public bool Complete => ListingFailure is null && !Summary.Cancelled;
}

/// <summary>
/// A Connect sandbox seeded with a <see cref="FaultPopulation"/>, the in-process <see cref="FaultVendor"/>, and a
/// pipeline registered through DI the way a host registers it (built-in vendor handlers for purchase, change,
/// suspend, resume and cancel; a setup handler for TCRs). Each <see cref="RunAsync"/> records the statuses before
/// and after and the calls Connect received, for <see cref="FaultInvariants"/>.
/// </summary>
public sealed class FaultHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly List<FaultRun> runs = [];
    private long lastSequence;

    private FaultHarness(FaultPopulation population, ConnectSandbox sandbox, ServiceProvider provider, FaultVendor vendor, FaultClock clock)
    {
        Population = population;
        Sandbox = sandbox;
        this.provider = provider;
        Vendor = vendor;
        Clock = clock;
        Pipeline = provider.GetRequiredService<FulfillmentPipeline>();
    }

    public FaultPopulation Population { get; }

    public ConnectSandbox Sandbox { get; }

    public FaultVendor Vendor { get; }

    public FaultClock Clock { get; }

    public FulfillmentPipeline Pipeline { get; }

    public IReadOnlyList<FaultRun> Runs => runs;

    public static async Task<FaultHarness> StartAsync(FaultPopulation population, FaultHarnessOptions? options = null)
    {
        options ??= new FaultHarnessOptions();
        var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = options.SandboxSeed });
        population.SeedInto(sandbox);
        var vendor = new FaultVendor(population);
        var clock = new FaultClock();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(vendor);
        services.AddConnectFulfillment(o =>
            {
                o.Endpoint = sandbox.BaseUrl;
                o.ApiKey = sandbox.ApiKey;
                o.PageSize = options.PageSize;
                o.Timeout = options.ClientTimeout;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            })
            .AddFulfillmentPipeline(o =>
            {
                o.Products = [FaultPopulation.Product];
                o.MaxConcurrency = options.MaxConcurrency;
                o.HandlerTimeout = options.HandlerTimeout;
                o.KeepApprovedResults = true;
                o.TransitionRetryDelay = TimeSpan.FromMilliseconds(1);
            })
            .AddVendorPurchaseAdapter<FaultVendor>()
            .AddVendorChangeAdapter<FaultVendor>()
            .AddVendorSuspendAdapter<FaultVendor>()
            .AddVendorResumeAdapter<FaultVendor>()
            .AddVendorCancelAdapter<FaultVendor>()
            .AddTierConfigRequestHandler<FaultTierSetupHandler>(TierConfigRequestType.Setup);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new FaultHarness(population, sandbox, provider, vendor, clock);
    }

    /// <summary>Runs the pipeline once, as a host does on its timer, and records what happened.</summary>
    public async Task<FaultRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var number = runs.Count + 1;
        Vendor.Run = number;
        var before = Population.StatusesIn(Sandbox);
        var started = TimeProvider.System.GetTimestamp();
        RunSummary summary;
        FulfillmentRunException? listingFailure = null;
        try
        {
            summary = await Pipeline.RunOnceAsync(cancellationToken);
        }
        catch (FulfillmentRunException ex)
        {
            listingFailure = ex;
            summary = ex.Summary;
        }

        var duration = TimeProvider.System.GetElapsedTime(started);
        var after = Population.StatusesIn(Sandbox);
        var from = lastSequence;
        var calls = Sandbox.CallLog.Where(e => e.Sequence > from);
        lastSequence = calls.Count == 0 ? from : Math.Max(from, calls.Max(e => e.Sequence));
        var run = new FaultRun(number, summary, listingFailure, before, after, calls, duration);
        runs.Add(run);
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>
/// The fault-free baseline of a population: the final status of every request after one run over an identical,
/// fault-free sandbox. Computed once per population seed and size and shared by the tests.
/// </summary>
public static class FaultBaseline
{
    private static readonly Dictionary<(int Seed, int Size), Task<IReadOnlyDictionary<string, string>>> Cache = [];

    public static Task<IReadOnlyDictionary<string, string>> OfAsync(FaultPopulation population)
    {
        lock (Cache)
        {
            var key = (population.Seed, population.Requests.Count);
            if (!Cache.TryGetValue(key, out var baseline))
            {
                baseline = ComputeAsync(population);
                Cache[key] = baseline;
            }

            return baseline;
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> ComputeAsync(FaultPopulation population)
    {
        await using var harness = await FaultHarness.StartAsync(population, new FaultHarnessOptions { MaxConcurrency = 8 });
        var first = await harness.RunAsync();
        var second = await harness.RunAsync();
        var wrong = population.Requests.Where(r => first.After[r.Id] != r.IntendedStatus).Select(r => $"{r.Id} {r.Scenario}: {first.After[r.Id]}").ToList();
        if (!first.Complete || wrong.Count > 0 || second.Summary.Approved + second.Summary.Failed + second.Summary.RetryLater > 0
            || harness.Vendor.Journal.Count != population.Requests.Count(r => r.CallsVendor))
        {
            throw new InvalidOperationException($"The fault-free baseline of population seed {population.Seed} is not what its scenarios say: {string.Join("; ", wrong.Take(10))}\n{first.Summary}");
        }

        return first.After;
    }
}
