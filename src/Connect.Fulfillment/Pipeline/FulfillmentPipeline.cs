using Connect.Fulfillment.Client.Internal;
using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Connect.Fulfillment.Pipeline.Internal;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// Pulls pending work for the configured products and environments — tier configuration requests first, then
/// fulfillment requests — routes each request to its handler, and applies the handler's outcome to Connect.
/// Every matching request is handled exactly once per run, with bounded concurrency; one request's failure never
/// stops the others. Thread-safe; runs may not overlap on one instance.
/// <para>
/// Replicas share the work through an <see cref="IRequestLeaseProvider"/>: a request is worked on only while this
/// process holds its lease, so with a provider that spans processes each request is handled by one replica at a time.
/// </para>
/// </summary>
public sealed class FulfillmentPipeline
{
    private readonly IConnectClient client;
    private readonly FulfillmentPipelineOptions options;
    private readonly IServiceProvider services;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly IRequestLeaseProvider leases;
    private readonly RequestOperations[] operations;
    private readonly SemaphoreSlim runLock = new(1, 1);

    /// <summary>Creates a pipeline. With DI, use <c>AddFulfillmentPipeline</c> instead.</summary>
    /// <param name="client">The Connect client.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="handlers">The routing table.</param>
    /// <param name="services">The services handlers are created from (a scope per request when it is a DI container); none when null.</param>
    /// <param name="loggerFactory">An optional logger factory.</param>
    /// <param name="timeProvider">An optional clock.</param>
    /// <param name="leases">Who may work on which request; an <see cref="InProcessRequestLeaseProvider"/> of this pipeline's own when null.</param>
    public FulfillmentPipeline(IConnectClient client, FulfillmentPipelineOptions options, FulfillmentHandlers handlers, IServiceProvider? services = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IRequestLeaseProvider? leases = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        var problems = FulfillmentPipelineOptionsValidator.Check(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.client = client;
        this.options = options;
        this.services = services ?? EmptyServiceProvider.Instance;
        logger = (ILogger?)loggerFactory?.CreateLogger<FulfillmentPipeline>() ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.leases = leases ?? new InProcessRequestLeaseProvider();

        var environments = options.Environments.Count == 0 ? [ConnectionType.Preview] : options.Environments.Select(e => new ConnectionType(e)).ToArray();
        RequestStatus[] statuses = handlers.RequestStatuses.Count == 0 ? [RequestStatus.Pending] : [.. handlers.RequestStatuses];
        var query = new RequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = statuses };
        var tierQuery = new TierConfigRequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] };

        // Indexed by RequestKind.
        operations = [new FulfillmentOperations(client, handlers, query, statuses), new TierConfigOperations(client, handlers, tierQuery)];
    }

    /// <summary>The options in use.</summary>
    public FulfillmentPipelineOptions Options => options;

    /// <summary>
    /// Processes every matching pending request once — tier configuration requests first — and returns what was done.
    /// Cancelling stops listing and starting requests; outcomes already decided are still applied within
    /// <see cref="FulfillmentPipelineOptions.ShutdownGracePeriod"/>, and the summary says it was cancelled.
    /// </summary>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="FulfillmentRunException">Listing failed (for example the credentials were refused); the partial summary is attached.</exception>
    public async Task<RunSummary> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await runLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            runLock.Release();
        }
    }

    /// <summary>
    /// Processes one fulfillment request by id, for webhook- or queue-driven hosts: read, route, apply. A request that
    /// is not pending (or inquiring, when a handler takes those) is skipped with its status as the reason.
    /// </summary>
    /// <param name="requestId">The request id (<c>PR-…</c>).</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>The result.</returns>
    public Task<RequestResult> ProcessAsync(string requestId, CancellationToken cancellationToken = default)
        => ProcessAsync(RequestKind.Fulfillment, requestId, cancellationToken);

    /// <summary>
    /// Processes one request of either kind by id, exactly as a run would: read, route, apply. A request that is not in
    /// a status the pipeline processes is skipped with its status as the reason; one of another product or environment
    /// than the options name is ignored (<see cref="RequestResultStatus.Ignored"/>). The request's lease is taken before
    /// it is read and released afterwards; when another holder has it, the request is skipped without being read.
    /// </summary>
    /// <param name="kind">Whether <paramref name="requestId"/> is a fulfillment (<c>PR-…</c>) or a tier configuration (<c>TCR-…</c>) request.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="requestId"/> is not shaped like a Connect id (letters, digits and <c>-</c> after an upper-case prefix).</exception>
    /// <remarks>The lease provider's own exception propagates when it cannot be reached; nothing was done then.</remarks>
    public async Task<RequestResult> ProcessAsync(RequestKind kind, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (!ConnectIds.IsValid(requestId))
        {
            throw new ArgumentException($"\"{ConnectIds.Escape(requestId)}\" is not a Connect request id.", nameof(requestId));
        }

        var kindOperations = (uint)kind < (uint)operations.Length ? operations[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a request kind.");
        var lease = await leases.TryAcquireAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return new RequestResult(requestId, string.Empty, RequestResultStatus.Skipped, LeaseHeldReason, kind);
        }

        await using (lease.ConfigureAwait(false))
        {
            return await ProcessLeasedAsync(kindOperations, requestId, lease, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The reason given when another replica (or call) holds the lease of a request asked for by id.</summary>
    internal const string LeaseHeldReason = "another replica is working on the request (it holds the request's lease); it was left to it";

    private async Task<RequestResult> ProcessLeasedAsync(RequestOperations kindOperations, string requestId, IRequestLease lease, CancellationToken cancellationToken)
    {
        // Read only once the lease is held, so what is read cannot be older than another holder's work on it.
        var item = await kindOperations.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        item.Lease = lease;
        if (!ConnectIds.IsValid(item.Id))
        {
            // Connect answered with another id than the one asked for; it is never used in a call or a header.
            var escaped = ConnectIds.Escape(item.Id);
            return new RequestResult(escaped, ConnectIds.Escape(item.Type), RequestResultStatus.Skipped, $"Connect answered with the id \"{escaped}\", which is not a valid Connect id; it was not processed", item.Kind);
        }

        // The same check as for a listed request, but the status, which is answered below in its own words.
        if (kindOperations.Listing.Check(item, checkStatus: false) is { } refusal)
        {
            return new RequestResult(item.Id, item.Type, refusal.Status, refusal.Reason, item.Kind);
        }

        var statuses = kindOperations.ListedStatuses;
        if (!statuses.Contains(item.Status))
        {
            return OutcomeApplier.Done(item, RequestResultStatus.Skipped, $"the request is {ConnectIds.Escape(item.Status.ToString())}, not {string.Join(" or ", statuses)}", item.Status).Report;
        }

        var processed = await CreateProcessor(RequestClaim.Everything).ProcessAsync(item, cancellationToken, freshlyRead: true).ConfigureAwait(false);
        return processed.Report;
    }

    private RequestProcessor CreateProcessor(RequestClaim claim)
        => new(options, services, new OutcomeApplier(options, new TemplateResolver(client), timeProvider), claim, (client as ConnectClient)?.Secrets ?? SecretText.None, logger, timeProvider);

    private async Task<RunSummary> RunCoreAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        PipelineLog.RunStarted(logger, string.Join(",", options.Products), string.Join(",", options.Environments.DefaultIfEmpty(ConnectionType.Preview.ToString())));
        var results = new RunResults(options.KeepApprovedResults || options.DryRun);
        RunSummary Summary() => results.ToSummary(timeProvider.GetElapsedTime(started), cancellationToken.IsCancellationRequested);

        // One processor per run: template names are looked up once per run. One claim per run: a provider failure
        // stops new work in this run only.
        var claim = RequestClaim.For(leases, logger);
        var processor = CreateProcessor(claim);
        var listed = options.ProcessTierConfigRequests
            ? [operations[(int)RequestKind.TierConfiguration], operations[(int)RequestKind.Fulfillment]]
            : new[] { operations[(int)RequestKind.Fulfillment] };
        foreach (var kindOperations in listed)
        {
            var feed = new PollingFeed(kindOperations, options.MaxListingPasses, options.MaxConcurrency, results.Add, logger);
            await RunWorkersAsync(feed, claim, processor, results, cancellationToken).ConfigureAwait(false);
            if (feed.ListingError is { } error)
            {
                throw new FulfillmentRunException(Summary(), $"Listing {kindOperations.Name} requests failed: {error.Message}", error);
            }

            if (claim.Failure is { } failure)
            {
                throw new FulfillmentRunException(Summary(), $"The request lease provider failed, so no new {kindOperations.Name} request was started: {failure.Message}", failure);
            }
        }

        var summary = Summary();
        PipelineLog.RunFinished(logger, (long)summary.Duration.TotalMilliseconds, summary.Approved, summary.Failed, summary.Inquired, summary.Skipped, summary.RetryLater, summary.Ignored, summary.Cancelled);
        return summary;
    }

    /// <summary>
    /// Processes what the feed yields with at most <see cref="FulfillmentPipelineOptions.MaxConcurrency"/> requests at
    /// once. The run's token goes to the feed and the requests, not to the loop: the feed stops handing out requests
    /// when it is cancelled, and requests in progress finish their own way (the grace period).
    /// </summary>
    private async Task RunWorkersAsync(PollingFeed feed, RequestClaim claim, RequestProcessor processor, RunResults results, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency };
        await Parallel.ForEachAsync(feed.ReadAsync(cancellationToken), parallel, async (item, _) =>
        {
            // The lease is taken here, in the worker, so that lease round trips run in parallel like the requests.
            if (!await TryClaimAsync(claim, item, cancellationToken).ConfigureAwait(false))
            {
                feed.Declined(item);
                return;
            }

            RequestStatus? finalStatus = null;
            try
            {
                var processed = await processor.ProcessAsync(item, cancellationToken).ConfigureAwait(false);
                results.Add(processed.Report);
                finalStatus = processed.FinalStatus;
            }
            finally
            {
                await claim.ReleaseAsync(item).ConfigureAwait(false);
                feed.Completed(item, finalStatus);
            }
        }).ConfigureAwait(false);
    }

    private static async ValueTask<bool> TryClaimAsync(RequestClaim claim, WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await claim.TryClaimAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Treated as not claimed: the run is stopping and the request is left for the next one.
            return false;
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
