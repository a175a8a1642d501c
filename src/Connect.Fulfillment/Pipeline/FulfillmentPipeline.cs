using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// Pulls pending work for the configured products and environments — tier configuration requests first, then
/// fulfillment requests — routes each request to its handler, and applies the handler's outcome to Connect.
/// Every matching request is handled exactly once per run, with bounded concurrency; one request's failure never
/// stops the others. Thread-safe; runs may not overlap on one instance.
/// </summary>
public sealed class FulfillmentPipeline
{
    private readonly IConnectClient client;
    private readonly FulfillmentPipelineOptions options;
    private readonly FulfillmentHandlers handlers;
    private readonly IServiceProvider services;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly RequestStatus[] requestStatuses;
    private readonly SemaphoreSlim runLock = new(1, 1);

    /// <summary>Creates a pipeline. With DI, use <c>AddFulfillmentPipeline</c> instead.</summary>
    /// <param name="client">The Connect client.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="handlers">The routing table.</param>
    /// <param name="services">The services handlers are created from (a scope per request when it is a DI container); none when null.</param>
    /// <param name="loggerFactory">An optional logger factory.</param>
    /// <param name="timeProvider">An optional clock.</param>
    public FulfillmentPipeline(IConnectClient client, FulfillmentPipelineOptions options, FulfillmentHandlers handlers, IServiceProvider? services = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
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
        this.handlers = handlers;
        this.services = services ?? EmptyServiceProvider.Instance;
        logger = (ILogger?)loggerFactory?.CreateLogger<FulfillmentPipeline>() ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        var statuses = handlers.RequestStatuses;
        requestStatuses = statuses.Count == 0 ? [RequestStatus.Pending] : [.. statuses];
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
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>The result.</returns>
    public async Task<RequestResult> ProcessAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var request = await client.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
        var kind = new FulfillmentRequestKind(client, handlers, RequestQuery.Pending(options.Products));
        return await ProcessOneAsync(kind, request, requestStatuses, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Processes one tier configuration request by id.</summary>
    /// <param name="requestId">The request id (<c>TCR-…</c>).</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>The result.</returns>
    public async Task<RequestResult> ProcessTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var request = await client.GetTierConfigRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
        var kind = new TierConfigRequestKind(client, handlers, TierConfigRequestQuery.Pending(options.Products));
        return await ProcessOneAsync(kind, request, [RequestStatus.Pending], cancellationToken).ConfigureAwait(false);
    }

    private async Task<RequestResult> ProcessOneAsync<T>(RequestKind<T> kind, T request, IReadOnlyCollection<RequestStatus> statuses, CancellationToken cancellationToken)
        where T : class
    {
        var status = kind.StatusOf(request);
        if (!statuses.Contains(status))
        {
            return new RequestResult(kind.IdOf(request), kind.TypeOf(request), RequestResultStatus.Skipped, $"the request is {status}, not {string.Join(" or ", statuses)}", kind is TierConfigRequestKind);
        }

        var processor = new RequestProcessor<T>(kind, options, services, new TemplateResolver(client), logger, timeProvider);
        var processed = await processor.ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        return processed.Report;
    }

    private async Task<RunSummary> RunCoreAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var environments = options.Environments.Count == 0 ? [ConnectionType.Preview] : options.Environments.Select(e => new ConnectionType(e)).ToArray();
        PipelineLog.RunStarted(logger, string.Join(",", options.Products), string.Join(",", environments));
        var results = new RunResults(options.KeepApprovedResults || options.DryRun);
        var templates = new TemplateResolver(client);
        RunSummary Summary() => results.ToSummary(timeProvider.GetElapsedTime(started), cancellationToken.IsCancellationRequested);

        try
        {
            if (options.ProcessTierConfigRequests)
            {
                var tierQuery = new TierConfigRequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = [RequestStatus.Pending] };
                await RunStreamAsync(new TierConfigRequestKind(client, handlers, tierQuery), [RequestStatus.Pending], templates, results, cancellationToken).ConfigureAwait(false);
            }

            var query = new RequestQuery { ProductIds = [.. options.Products], Environments = environments, Statuses = requestStatuses };
            await RunStreamAsync(new FulfillmentRequestKind(client, handlers, query), requestStatuses, templates, results, cancellationToken).ConfigureAwait(false);
        }
        catch (ListingFailedException ex)
        {
            var partial = Summary();
            throw new FulfillmentRunException(partial, $"Listing {ex.Kind} requests failed: {ex.InnerException!.Message}", ex.InnerException);
        }

        var summary = Summary();
        PipelineLog.RunFinished(logger, (long)summary.Duration.TotalMilliseconds, summary.Approved, summary.Failed, summary.Inquired, summary.Skipped, summary.RetryLater, summary.Cancelled);
        return summary;
    }

    /// <summary>
    /// Lists one kind of request and processes each new one with bounded concurrency. Requests leave the listed set
    /// as they are approved, so each page is read at an offset equal to the number of requests already seen that are
    /// known to remain listed: the offset can fall short (re-reading requests still in progress, which are ignored)
    /// but does not overshoot because of this run's own transitions. Requests owned by other replicas are counted as
    /// remaining; when someone else removes them while the pass is paging (seen as a smaller total), the offset may
    /// overshoot, so a further pass is made. Further passes also pick up anything a reordering server hid.
    /// </summary>
    private async Task RunStreamAsync<T>(RequestKind<T> kind, IReadOnlyCollection<RequestStatus> listed, TemplateResolver templates, RunResults results, CancellationToken cancellationToken)
        where T : class
    {
        var processor = new RequestProcessor<T>(kind, options, services, templates, logger, timeProvider);
        var seen = new SeenRequests();
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var inFlight = new HashSet<Task>();
        var idless = new HashSet<int>();
        Exception? listingError = null;

        for (var pass = 1; pass <= options.MaxListingPasses && !cancellationToken.IsCancellationRequested; pass++)
        {
            var kept = new StrongBox(0);
            var foundNew = false;
            var offset = 0;
            int? firstTotal = null;
            var shrankMeanwhile = false;
            Task<ConnectPage<T>>? prefetched = null;
            ConnectPage<T>? lastPage = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                ConnectPage<T> page;
                try
                {
                    page = await (prefetched ?? kind.ListPageAsync(offset, cancellationToken)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (ConnectApiException ex)
                {
                    PipelineLog.ListingFailed(logger, ex, kind.Name);
                    listingError = ex;
                    break;
                }
                finally
                {
                    prefetched = null;
                }

                if (lastPage is not null && ConnectClient.IsRepeatedPage(lastPage, page))
                {
                    // A server that ignores offset and sends no Content-Range would otherwise be listed forever.
                    var repeated = ConnectClient.RepeatedPage(kind.ListPath, lastPage.Offset, page.Offset);
                    PipelineLog.ListingFailed(logger, repeated, kind.Name);
                    listingError = repeated;
                    break;
                }

                lastPage = page;
                if (page.Total is { } total)
                {
                    firstTotal ??= total;
                    shrankMeanwhile |= total < firstTotal;
                }

                var progressed = false;
                var prefetchWhenLeft = PrefetchThreshold(page.Items.Count);
                for (var index = 0; index < page.Items.Count; index++)
                {
                    // Ask for the next page while the tail of this one is still being started, so that slots do not
                    // sit idle for a whole list call. Its offset counts only requests known to remain listed, so it is
                    // a safe lower bound whenever it is read; requests it shows again are recognised and ignored.
                    if (prefetched is null && page.HasMore && page.Items.Count - index <= prefetchWhenLeft)
                    {
                        prefetched = kind.ListPageAsync(Volatile.Read(ref kept.Value), cancellationToken);
                    }

                    var request = page.Items[index];
                    var id = kind.IdOf(request);
                    if (id.Length == 0)
                    {
                        // Nothing can be read back or transitioned without an id: report it once (by its position in
                        // the first pass) and go on with the others.
                        if (pass == 1 && idless.Add(page.Offset + index))
                        {
                            PipelineLog.NoId(logger, kind.Name, page.Offset + index);
                            results.Add(new RequestResult(string.Empty, kind.TypeOf(request), RequestResultStatus.Skipped, $"Connect listed a {kind.Name} request without an id (at position {page.Offset + index}); it cannot be processed", kind is TierConfigRequestKind));
                        }

                        continue;
                    }

                    var sighting = seen.See(id, pass);
                    if (sighting != SeenRequests.Sighting.New)
                    {
                        if (sighting == SeenRequests.Sighting.CountedNow)
                        {
                            Interlocked.Increment(ref kept.Value);
                            progressed = true;
                        }

                        continue;
                    }

                    progressed = true;
                    if (!IsMine(id))
                    {
                        seen.MarkRemaining(id, pass);
                        Interlocked.Increment(ref kept.Value);
                        continue;
                    }

                    try
                    {
                        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        ReportNotStarted(kind, page, index, seen, pass, results);
                        break;
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        // A slot freed by a request that stopped for the cancellation: start nothing more.
                        slots.Release();
                        ReportNotStarted(kind, page, index, seen, pass, results);
                        break;
                    }

                    foundNew = true;
                    seen.AddInProgress(id);
                    lock (inFlight)
                    {
                        inFlight.RemoveWhere(t => t.IsCompleted);
                        inFlight.Add(ProcessItemAsync(processor, request, id, seen, pass, kept, listed, results, slots, cancellationToken));
                    }
                }

                foreach (var unreadable in page.UnreadableItems)
                {
                    // Still listed in Connect, so counted as remaining like any other request; reported once, never handled.
                    if (unreadable.Id is not { Length: > 0 } unreadableId)
                    {
                        if (pass == 1 && idless.Add(unreadable.Position))
                        {
                            ReportUnreadable(kind, unreadable, string.Empty, results);
                        }

                        continue;
                    }

                    var sighting = seen.See(unreadableId, pass);
                    if (sighting == SeenRequests.Sighting.New)
                    {
                        seen.MarkRemaining(unreadableId, pass);
                        Interlocked.Increment(ref kept.Value);
                        progressed = true;
                        ReportUnreadable(kind, unreadable, unreadableId, results);
                    }
                    else if (sighting == SeenRequests.Sighting.CountedNow)
                    {
                        Interlocked.Increment(ref kept.Value);
                        progressed = true;
                    }
                }

                if (page.Count == 0 || !page.HasMore)
                {
                    break;
                }

                if (progressed)
                {
                    offset = Volatile.Read(ref kept.Value);
                    continue;
                }

                // Every request on the page is still in progress: wait for one to finish, then read again.
                Forget(prefetched);
                prefetched = null;
                Task[] running;
                lock (inFlight)
                {
                    running = inFlight.Where(t => !t.IsCompleted).ToArray();
                }

                if (running.Length > 0)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    offset = Volatile.Read(ref kept.Value);
                }
                else
                {
                    offset += page.Count;
                }
            }

            Forget(prefetched);
            Task[] remaining;
            lock (inFlight)
            {
                remaining = [.. inFlight];
                inFlight.Clear();
            }

            await Task.WhenAll(remaining).ConfigureAwait(false);
            if (listingError is not null)
            {
                throw new ListingFailedException(kind.Name, listingError);
            }

            // A pass that found nothing new ends the run, unless the listed set shrank while it was paged by someone
            // else (another replica, an operator): a request counted as remaining may have left, so a later page may
            // have been read too far and a request behind it may have been passed over.
            if (!foundNew && !shrankMeanwhile)
            {
                break;
            }
        }
    }

    /// <summary>
    /// How many requests of a page may still be waiting to start when the next page is asked for: up to half the
    /// concurrency, and none when the requests in progress would fill most of the next page anyway.
    /// </summary>
    private int PrefetchThreshold(int pageSize) => Math.Max(0, Math.Min(options.MaxConcurrency / 2, (pageSize / 2) - options.MaxConcurrency));

    /// <summary>
    /// The run was cancelled while a page was being started: the requests of the page not started yet are reported as
    /// untouched (nothing was called for them), so that a shutdown accounts for every request it listed.
    /// </summary>
    private void ReportNotStarted<T>(RequestKind<T> kind, ConnectPage<T> page, int from, SeenRequests seen, int pass, RunResults results)
        where T : class
    {
        var count = 0;
        for (var index = from; index < page.Items.Count; index++)
        {
            var request = page.Items[index];
            var id = kind.IdOf(request);
            if (id.Length == 0 || !IsMine(id) || seen.See(id, pass) != SeenRequests.Sighting.New)
            {
                continue;
            }

            seen.MarkRemaining(id, pass);
            count++;
            results.Add(new RequestResult(id, kind.TypeOf(request), RequestResultStatus.RetryLater, "not started: the run was cancelled before this request was handled; nothing was done", kind is TierConfigRequestKind));
        }

        if (count > 0)
        {
            PipelineLog.NotStarted(logger, count, kind.Name);
        }
    }

    /// <summary>Whether this replica owns a request (always, without replicas).</summary>
    private bool IsMine(string id) => options.ReplicaCount <= 1 || ReplicaPartition.Owns(id, options.ReplicaIndex, options.ReplicaCount);

    private void ReportUnreadable<T>(RequestKind<T> kind, UnreadableItem unreadable, string id, RunResults results)
        where T : class
    {
        PipelineLog.Unreadable(logger, kind.Name, id.Length == 0 ? "(without id)" : id, unreadable.Error);
        var reason = $"Connect sent this {kind.Name} request in a shape that could not be read ({unreadable.Error}); it was not processed";
        results.Add(new RequestResult(id, string.Empty, RequestResultStatus.Skipped, reason, kind is TierConfigRequestKind));
    }

    private static void Forget(Task? task)
        => task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static async Task ProcessItemAsync<T>(RequestProcessor<T> processor, T request, string id, SeenRequests seen, int pass, StrongBox kept, IReadOnlyCollection<RequestStatus> listed, RunResults results, SemaphoreSlim slots, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await Task.Yield();
            var processed = await processor.ProcessAsync(request, cancellationToken).ConfigureAwait(false);
            results.Add(processed.Report);
            if (processed.StillListed(listed))
            {
                // Counted for this pass before it is marked, so the lister, which only counts requests already marked
                // as remaining and not yet counted in this pass, never counts it twice.
                Interlocked.Increment(ref kept.Value);
                seen.MarkRemaining(id, pass);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private sealed class StrongBox(int value)
    {
        public int Value = value;
    }

    private sealed class ListingFailedException(string kind, Exception inner) : Exception(kind, inner)
    {
        public string Kind { get; } = kind;
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
