using System.Collections.Concurrent;
using Connect.Fulfillment.Vendors;

namespace Connect.Fulfillment.Tests.Vendors;

/// <summary>An in-memory adapter for every subscription action; answers from a script and records each call.</summary>
public sealed class ScriptedAdapter(Func<VendorSubscriptionContext, VendorResult> answer) : IVendorCancelAdapter, IVendorChangeAdapter, IVendorSuspendAdapter, IVendorResumeAdapter
{
    public ScriptedAdapter(VendorResult result)
        : this(_ => result)
    {
    }

    public ConcurrentQueue<VendorSubscriptionContext> Calls { get; } = new();

    public ConcurrentQueue<(string Action, string RequestId)> Actions { get; } = new();

    public Task<VendorResult> CancelAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default) => Answer("cancel", context);

    public Task<VendorResult> ChangeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default) => Answer("change", context);

    public Task<VendorResult> SuspendAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default) => Answer("suspend", context);

    public Task<VendorResult> ResumeAsync(VendorSubscriptionContext context, CancellationToken cancellationToken = default) => Answer("resume", context);

    private Task<VendorResult> Answer(string action, VendorSubscriptionContext context)
    {
        Calls.Enqueue(context);
        Actions.Enqueue((action, context.Request.Id!));
        return Task.FromResult(answer(context));
    }
}
