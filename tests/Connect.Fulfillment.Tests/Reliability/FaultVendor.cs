using System.Collections.Concurrent;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Vendors;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>A fault the in-process vendor injects into one call.</summary>
public enum FaultVendorFault
{
    None,

    /// <summary>The adapter throws before the vendor acted (a connection reset on the way out).</summary>
    ThrowBeforeEffect,

    /// <summary>The vendor acted, then the adapter throws (the answer was lost on the way back).</summary>
    ThrowAfterEffect,

    /// <summary>The call never answers and the vendor has not acted: the handler timeout ends it.</summary>
    HangBeforeEffect,

    /// <summary>The vendor acted, then the call never answers: the handler timeout ends it.</summary>
    HangAfterEffect,

    /// <summary>The vendor answers 503 without acting; the built-in handlers map it to a transient failure.</summary>
    ServerErrorOnce,
}

/// <summary>What the handler got back from one vendor call.</summary>
public enum FaultVendorAnswer
{
    Succeeded,
    AlreadyDone,
    NotFound,
    Rejected,
    Transient,
    Threw,
    TimedOut,

    /// <summary>The vendor was called for a request that should never reach it, or with the wrong action.</summary>
    Unexpected,
}

/// <summary>One vendor call in the journal.</summary>
/// <param name="Sequence">Global order of the answer.</param>
/// <param name="Run">The harness run during which it was made.</param>
/// <param name="RequestId">The Connect request the call was made for.</param>
/// <param name="Action">create, cancel, change, suspend, resume or setup.</param>
/// <param name="IdempotencyKey">The key the adapter sent.</param>
/// <param name="Target">What the vendor acted on (subscription, asset or tier account).</param>
/// <param name="Answer">What the handler got.</param>
/// <param name="Reached">Whether the vendor processed the call (first time or replayed from the key).</param>
/// <param name="Fresh">Whether this call applied the side effect for the first time.</param>
/// <param name="Fault">The fault injected, if any.</param>
public sealed record FaultVendorCall(long Sequence, int Run, string RequestId, string Action, string IdempotencyKey, string Target, FaultVendorAnswer Answer, bool Reached, bool Fresh, FaultVendorFault Fault)
{
    public bool IsSuccess => Answer is FaultVendorAnswer.Succeeded or FaultVendorAnswer.AlreadyDone;

    public bool IsRefusal => Answer is FaultVendorAnswer.NotFound or FaultVendorAnswer.Rejected;
}

/// <summary>
/// An in-process vendor behind every adapter interface of the built-in handlers (and a tier account setup for the
/// TCR handler). It answers from the population's scenario, keeps an idempotency store (a repeated key replays the
/// stored answer without a second side effect, like the fake vendor server), records every call in a thread-safe
/// journal, and injects the faults <see cref="Faults"/> asks for.
/// </summary>
public sealed class FaultVendor(FaultPopulation population) : IVendorPurchaseAdapter, IVendorCancelAdapter, IVendorChangeAdapter, IVendorSuspendAdapter, IVendorResumeAdapter
{
    private readonly object gate = new();
    private readonly List<FaultVendorCall> journal = [];
    private readonly Dictionary<string, VendorResult> answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private long sequence;
    private int started;
    private int run;

    /// <summary>The fault for a call, from its idempotency key and attempt number (1 for the first call with that key).</summary>
    public Func<string, int, FaultVendorFault> Faults { get; set; } = (_, _) => FaultVendorFault.None;

    /// <summary>Called with the number of calls started so far, as each call starts.</summary>
    public Action<int>? CallStarted { get; set; }

    /// <summary>The harness run the next calls belong to.</summary>
    public int Run
    {
        get => Volatile.Read(ref run);
        set => Volatile.Write(ref run, value);
    }

    public int CallsStarted => Volatile.Read(ref started);

    public IReadOnlyList<FaultVendorCall> Journal
    {
        get
        {
            lock (gate)
            {
                return [.. journal];
            }
        }
    }

    public Task<VendorResult> CreateAsync(VendorPurchaseContext context, CancellationToken cancellationToken = default)
        => CallAsync("create", context.Request.Id!, context.IdempotencyKey, context.Asset?.Id ?? "?", cancellationToken);

    public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        => CallAsync("cancel", context.Request.Id!, context.IdempotencyKey, context.ExternalSubscriptionId, cancellationToken);

    public Task<VendorResult> ChangeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        => CallAsync("change", context.Request.Id!, context.IdempotencyKey, context.ExternalSubscriptionId, cancellationToken);

    public Task<VendorResult> SuspendAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        => CallAsync("suspend", context.Request.Id!, context.IdempotencyKey, context.ExternalSubscriptionId, cancellationToken);

    public Task<VendorResult> ResumeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default)
        => CallAsync("resume", context.Request.Id!, context.IdempotencyKey, context.ExternalSubscriptionId, cancellationToken);

    public Task<VendorResult> SetUpAccountAsync(TierConfigRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
        => CallAsync("setup", request.Id!, idempotencyKey, request.Configuration?.Account?.Id ?? "?", cancellationToken);

    private async Task<VendorResult> CallAsync(string action, string requestId, string key, string target, CancellationToken cancellationToken)
    {
        var attempt = attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        CallStarted?.Invoke(Interlocked.Increment(ref started));
        var fault = Faults(key, attempt);
        await Task.Yield();
        switch (fault)
        {
            case FaultVendorFault.ThrowBeforeEffect:
                Record(FaultVendorAnswer.Threw, reached: false, fresh: false);
                throw new HttpRequestException($"The connection to the vendor was reset ({action} {target}, injected).");
            case FaultVendorFault.HangBeforeEffect:
                await HangAsync(reached: false, fresh: false);
                break;
            case FaultVendorFault.ServerErrorOnce:
                Record(FaultVendorAnswer.Transient, reached: false, fresh: false);
                return VendorResult.TransientFailure("The vendor answered 503 Service Unavailable (injected).");
        }

        var (result, answer, fresh) = Apply(action, requestId, key, target);
        if (answer == FaultVendorAnswer.Unexpected)
        {
            Record(answer, reached: true, fresh: false);
            throw new InvalidOperationException($"The vendor was called to {action} for {requestId}, which should not reach it.");
        }

        switch (fault)
        {
            case FaultVendorFault.ThrowAfterEffect:
                Record(FaultVendorAnswer.Threw, reached: true, fresh);
                throw new HttpRequestException($"The vendor's answer to {action} {target} was lost (injected).");
            case FaultVendorFault.HangAfterEffect:
                await HangAsync(reached: true, fresh);
                break;
        }

        Record(answer, reached: true, fresh);
        return result;

        async Task HangAsync(bool reached, bool fresh)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            finally
            {
                Record(FaultVendorAnswer.TimedOut, reached, fresh);
            }
        }

        void Record(FaultVendorAnswer recorded, bool reached, bool fresh)
        {
            lock (gate)
            {
                journal.Add(new FaultVendorCall(++sequence, Run, requestId, action, key, target, recorded, reached, fresh, fault));
            }
        }
    }

    /// <summary>Does what the scenario says, once per idempotency key; a repeated key replays the first answer.</summary>
    private (VendorResult Result, FaultVendorAnswer Answer, bool Fresh) Apply(string action, string requestId, string key, string target)
    {
        if (!population.Contains(requestId))
        {
            return (VendorResult.Rejected("unknown request"), FaultVendorAnswer.Unexpected, false);
        }

        var planned = population[requestId];
        var expectedAction = planned.Type == "purchase" ? "create" : planned.Type;
        if (expectedAction != action || !planned.CallsVendor)
        {
            return (VendorResult.Rejected("unexpected call"), FaultVendorAnswer.Unexpected, false);
        }

        lock (gate)
        {
            if (answered.TryGetValue(key, out var replayed))
            {
                return (replayed, AnswerOf(replayed), false);
            }

            var result = planned.Scenario switch
            {
                FaultScenario.VendorDone or FaultScenario.TierSetupDone => VendorResult.Success(),
                FaultScenario.PurchaseCreates => VendorResult.Created($"SUB-NEW-{target}"),
                FaultScenario.VendorAlreadyDone => VendorResult.AlreadyDone(),
                FaultScenario.VendorNotFound => VendorResult.NotFound($"subscription {target} does not exist"),
                FaultScenario.PurchaseRejected => VendorResult.Rejected("The item is out of stock."),
                FaultScenario.TierSetupRejected => VendorResult.Rejected($"Reseller {target} is not eligible."),
                _ => VendorResult.Rejected($"The vendor refuses to {action} {target}."),
            };
            answered[key] = result;
            return (result, AnswerOf(result), true);
        }
    }

    private static FaultVendorAnswer AnswerOf(VendorResult result) => result.Kind switch
    {
        VendorResultKind.Succeeded => FaultVendorAnswer.Succeeded,
        VendorResultKind.AlreadyDone => FaultVendorAnswer.AlreadyDone,
        VendorResultKind.NotFound => FaultVendorAnswer.NotFound,
        VendorResultKind.Rejected => FaultVendorAnswer.Rejected,
        _ => FaultVendorAnswer.Transient,
    };
}

/// <summary>A tier configuration setup handler that asks the vendor to set up the reseller account.</summary>
public sealed class FaultTierSetupHandler(FaultVendor vendor) : ITierConfigRequestHandler
{
    public async Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default)
    {
        // Exceptions (a reset connection, a lost answer) are left to the pipeline, which isolates them as retry-later.
        var result = await vendor.SetUpAccountAsync(context.Request, context.IdempotencyKey, cancellationToken);
        return result.Kind switch
        {
            VendorResultKind.Succeeded or VendorResultKind.AlreadyDone => RequestOutcome.Approve(),
            VendorResultKind.NotFound or VendorResultKind.Rejected => RequestOutcome.Fail(result.Message ?? "The vendor refused the setup."),
            _ => RequestOutcome.RetryLater(result.Message ?? "The vendor failed temporarily."),
        };
    }
}
