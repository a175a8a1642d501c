using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>A fresh sandbox per test, with product <see cref="Product"/> and its template <see cref="TemplateId"/>.</summary>
public abstract class PipelineTestBase
{
    protected const string Product = "PRD-1";
    protected const string TemplateId = "TL-1";

    protected ConnectSandbox Sandbox { get; private set; } = null!;

    protected ConnectClient Client { get; private set; } = null!;

    protected virtual ConnectSandboxOptions SandboxOptions => new();

    protected virtual TimeSpan ClientTimeout => TimeSpan.FromSeconds(30);

    [SetUp]
    public async Task StartSandbox()
    {
        Sandbox = await ConnectSandbox.StartAsync(SandboxOptions);
        Sandbox.Products.Add(Product, p => p.Template(TemplateId));
        Client = CreateClient();
    }

    [TearDown]
    public async Task StopSandbox()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }

    protected ConnectClient CreateClient(TimeSpan? timeout = null) => ConnectClient.Create(new ConnectClientOptions
    {
        Endpoint = Sandbox.BaseUrl,
        ApiKey = Sandbox.ApiKey,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        Timeout = timeout ?? ClientTimeout,
    });

    protected FulfillmentPipeline CreatePipeline(FulfillmentHandlers handlers, Action<FulfillmentPipelineOptions>? configure = null, ILoggerFactory? loggerFactory = null, IConnectClient? client = null, IRequestLeaseProvider? leases = null)
    {
        // Keep every result so that tests can check each request's outcome; the default keeps only those not approved.
        // A transition sent again within the run waits a millisecond, not a second, as the client's retries do here.
        var options = new FulfillmentPipelineOptions { Products = [Product], KeepApprovedResults = true, TransitionRetryDelay = TimeSpan.FromMilliseconds(1) };
        configure?.Invoke(options);
        return new FulfillmentPipeline(client ?? Client, options, handlers, loggerFactory: loggerFactory, leases: leases);
    }

    protected string AddRequest(string type = "cancel", string status = "pending", string? subscriptionId = "SUB-1", Action<RequestBuilder>? configure = null)
        => Sandbox.Requests.Add(r =>
        {
            r.Type(type).Status(status).Product(Product).Parameter("subscription_id", value: subscriptionId);
            configure?.Invoke(r);
        });

    /// <summary>The state-changing calls (PUT and POST) in the order the sandbox received them.</summary>
    protected IReadOnlyList<string> Writes(string? requestId = null)
        => Sandbox.CallLog.Where(e => (e.Method == "PUT" || e.Method == "POST") && (requestId is null || e.RelativePath.Contains(requestId, StringComparison.Ordinal)))
            .Select(e => $"{e.Method} {e.RelativePath}")
            .ToList();

    protected int CountCalls(string method, string pathPrefix) => Sandbox.CallLog.Count(method, pathPrefix);

    protected static RequestResult ResultOf(RunSummary summary, string id) => summary.Results.Single(r => r.RequestId == id);
}

/// <summary>A handler made from a delegate.</summary>
internal sealed class DelegateHandler(Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> handle) : IFulfillmentRequestHandler
{
    public DelegateHandler(Func<FulfillmentRequestContext, RequestOutcome> decide)
        : this((context, _) => Task.FromResult(decide(context)))
    {
    }

    public int Calls => Volatile.Read(ref calls);

    private int calls;

    public Task<RequestOutcome> HandleAsync(FulfillmentRequestContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        return handle(context, cancellationToken);
    }
}

/// <summary>A tier configuration handler made from a delegate.</summary>
internal sealed class DelegateTierHandler(Func<TierConfigRequestContext, RequestOutcome> decide) : ITierConfigRequestHandler
{
    public Task<RequestOutcome> HandleAsync(TierConfigRequestContext context, CancellationToken cancellationToken = default) => Task.FromResult(decide(context));
}
