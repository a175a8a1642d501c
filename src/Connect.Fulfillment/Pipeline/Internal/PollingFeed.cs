using System.Runtime.CompilerServices;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// Lists the pending requests of one kind for one run and yields each new one exactly once, handing it to a worker
/// only when one asks for more (so a consumer with N workers keeps at most N requests in progress).
/// <para>
/// Requests leave the listed set as they are approved, so each page is read at an offset equal to the number of
/// requests already seen that are known to remain listed: the offset can fall short (re-reading requests still in
/// progress, which are ignored) but does not overshoot because of this run's own transitions. Requests another
/// replica holds count as remaining; when someone else removes requests while a pass is paging (seen as a smaller
/// total), the offset may overshoot, so a further pass is made. Further passes also pick up anything a reordering
/// server hid. The consumer reports every yielded request back through <see cref="Completed"/>, or through
/// <see cref="Declined"/> when it did not get the request's lease (the workers take leases, in parallel, so that a
/// lease's round trip never holds up the listing).
/// </para>
/// <para>
/// A listed request that does not match the query, or whose ids cannot be used (<see cref="ListedRequestCheck"/>), is
/// reported once and never handed out; it stays listed, so it counts as remaining.
/// </para>
/// </summary>
internal sealed class PollingFeed(RequestOperations operations, int maxPasses, int concurrency, Action<RequestResult> report, ILogger logger)
{
    /// <summary>The reason given for a listed request the run did not start because it was cancelled.</summary>
    public const string NotStartedReason = "not started: the run was cancelled before this request was handled; nothing was done";

    private readonly SeenRequests seen = new();
    private readonly HashSet<int> idless = [];
    private int pass;
    private int yieldedThisPass;
    private int declinedThisPass;
    private int kept;
    private int inProgress;
    private int completed;
    private TaskCompletionSource nextCompletion = NewSignal();

    /// <summary>Why listing stopped early, once the feed has ended; null when it listed everything.</summary>
    public ConnectApiException? ListingError { get; private set; }

    /// <summary>Yields the requests to process. Cancelling stops the listing; listed requests not yet yielded are reported as not started.</summary>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The requests, each once.</returns>
    public async IAsyncEnumerable<WorkItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (pass = 1; pass <= maxPasses && !cancellationToken.IsCancellationRequested; pass++)
        {
            Volatile.Write(ref kept, 0);
            Volatile.Write(ref yieldedThisPass, 0);
            Volatile.Write(ref declinedThisPass, 0);
            var offset = 0;
            var pagesRead = 0;
            int? firstTotal = null;
            var shrankMeanwhile = false;
            Task<WorkPage>? prefetched = null;
            WorkPage? lastPage = null;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var epoch = Volatile.Read(ref completed);
                    var page = await ReadPageAsync(prefetched ?? operations.ListPageAsync(offset, cancellationToken), cancellationToken).ConfigureAwait(false);
                    prefetched = null;
                    if (page is null)
                    {
                        break;
                    }

                    if (lastPage is not null && operations.IsRepeatedPage(lastPage, page))
                    {
                        // A server that ignores offset and sends no Content-Range would otherwise be listed forever.
                        ListingError = operations.RepeatedPageError(lastPage, page);
                        PipelineLog.ListingFailed(logger, ListingError, operations.Name);
                        break;
                    }

                    // Pages that always change are bounded too: twice a client listing's bound, since a pass also
                    // re-reads a page while its requests are in progress.
                    var maxPages = 2 * ConnectClient.PagesFor(Math.Max(page.Count, 1));
                    if (++pagesRead > maxPages)
                    {
                        ListingError = operations.TooManyPagesError(maxPages, page);
                        PipelineLog.ListingFailed(logger, ListingError, operations.Name);
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
                        // Ask for the next page while the tail of this one is still being started, so that workers do
                        // not sit idle for a whole list call. Its offset counts only requests known to remain listed,
                        // so it is a safe lower bound whenever it is read; requests it shows again are ignored.
                        if (prefetched is null && page.HasMore && page.Items.Count - index <= prefetchWhenLeft)
                        {
                            prefetched = operations.ListPageAsync(Volatile.Read(ref kept), cancellationToken);
                        }

                        var item = page.Items[index];
                        if (!IsNew(item, page.Offset + index, ref progressed))
                        {
                            continue;
                        }

                        // Checked before it is handed out, so that a lease is never taken for a request this run will not handle.
                        if (operations.Listing.Check(item) is { } refusal)
                        {
                            Refuse(item, refusal);
                            continue;
                        }

                        if (cancellationToken.IsCancellationRequested)
                        {
                            ReportNotStarted(page, index);
                            yield break;
                        }

                        Interlocked.Increment(ref yieldedThisPass);
                        seen.AddInProgress(item.Id);
                        Interlocked.Increment(ref inProgress);
                        yield return item;
                    }

                    progressed |= SeeUnreadable(page);
                    if (page.Count == 0 || !page.HasMore)
                    {
                        break;
                    }

                    if (progressed)
                    {
                        offset = Volatile.Read(ref kept);
                        continue;
                    }

                    // Every request on the page is still in progress: wait for one to finish, then read again.
                    Forget(prefetched);
                    prefetched = null;
                    if (Volatile.Read(ref inProgress) == 0)
                    {
                        offset += page.Count;
                    }
                    else if (await WaitForCompletionAsync(epoch, cancellationToken).ConfigureAwait(false))
                    {
                        offset = Volatile.Read(ref kept);
                    }
                }
            }
            finally
            {
                Forget(prefetched);
            }

            // The next pass reads the list again only once this one's requests are done, so that their new statuses count.
            while (Volatile.Read(ref inProgress) > 0 && await WaitForCompletionAsync(Volatile.Read(ref completed), cancellationToken).ConfigureAwait(false))
            {
            }

            // A pass that found nothing new ends the run, unless the listed set shrank while it was paged by someone
            // else (another replica, an operator): a request counted as remaining may have left, so a later page may
            // have been read too far and a request behind it may have been passed over.
            // Requests another replica held (declined by the workers) are not new work for this process.
            var foundNew = Volatile.Read(ref yieldedThisPass) > Volatile.Read(ref declinedThisPass);
            if (ListingError is not null || (!foundNew && !shrankMeanwhile))
            {
                yield break;
            }
        }
    }

    /// <summary>Reports that a yielded request was not taken (another process holds its lease): it stays listed, so it counts as remaining.</summary>
    /// <param name="item">The request.</param>
    public void Declined(WorkItem item)
    {
        Interlocked.Increment(ref declinedThisPass);
        Completed(item, null);
    }

    /// <summary>Reports that a yielded request is done; one still listed in <paramref name="finalStatus"/> counts toward the offset.</summary>
    /// <param name="item">The request.</param>
    /// <param name="finalStatus">Its status in Connect afterwards; null when unknown (then it is assumed still listed).</param>
    public void Completed(WorkItem item, RequestStatus? finalStatus)
    {
        if (finalStatus is not { } status || operations.ListedStatuses.Contains(status))
        {
            // Counted for this pass before it is marked, so the lister, which only counts requests already marked as
            // remaining and not yet counted in this pass, never counts it twice.
            Interlocked.Increment(ref kept);
            seen.MarkRemaining(item.Id, Volatile.Read(ref pass));
        }

        Interlocked.Decrement(ref inProgress);
        Interlocked.Increment(ref completed);
        Interlocked.Exchange(ref nextCompletion, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Forget(Task? task)
        => task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// How many requests of a page may still be waiting to start when the next page is asked for: up to half the
    /// concurrency, and none when the requests in progress would fill most of the next page anyway.
    /// </summary>
    private int PrefetchThreshold(int pageSize) => Math.Max(0, Math.Min(concurrency / 2, (pageSize / 2) - concurrency));

    private async Task<WorkPage?> ReadPageAsync(Task<WorkPage> reading, CancellationToken cancellationToken)
    {
        try
        {
            return await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ConnectApiException ex)
        {
            PipelineLog.ListingFailed(logger, ex, operations.Name);
            ListingError = ex;
            return null;
        }
    }

    /// <summary>Waits until a request completes after <paramref name="epoch"/>; false when the run was cancelled first.</summary>
    private async Task<bool> WaitForCompletionAsync(int epoch, CancellationToken cancellationToken)
    {
        // Read the signal before the count: a completion in between sets this very signal.
        var signal = Volatile.Read(ref nextCompletion).Task;
        if (Volatile.Read(ref completed) != epoch)
        {
            return true;
        }

        try
        {
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether a listed request is new to this run; one known to remain listed is counted once per pass.</summary>
    private bool IsNew(WorkItem item, int position, ref bool progressed)
    {
        if (item.Id.Length == 0)
        {
            // Nothing can be read back or transitioned without an id: report it once (by its position in the first
            // pass) and go on with the others.
            if (pass == 1 && idless.Add(position))
            {
                PipelineLog.NoId(logger, operations.Name, position);
                report(new RequestResult(string.Empty, item.Type, RequestResultStatus.Skipped, $"Connect listed a {operations.Name} request without an id (at position {position}); it cannot be processed", item.Kind));
            }

            return false;
        }

        var sighting = seen.See(item.Id, pass);
        if (sighting == SeenRequests.Sighting.CountedNow)
        {
            Interlocked.Increment(ref kept);
        }

        progressed |= sighting != SeenRequests.Sighting.Known;
        if (sighting == SeenRequests.Sighting.New && !ConnectIds.IsValid(item.Id))
        {
            // An id that is not shaped like a Connect id would end up in a path, a vendor header and log lines: such a
            // request is never handled. It stays listed in Connect, so it counts as remaining.
            CountRemaining(item.Id);
            var escaped = ConnectIds.Escape(item.Id);
            PipelineLog.InvalidId(logger, operations.Name, escaped);
            report(new RequestResult(escaped, ConnectIds.Escape(item.Type), RequestResultStatus.Skipped, $"Connect listed a {operations.Name} request whose id \"{escaped}\" is not a valid Connect id; it was not processed", item.Kind));
            return false;
        }

        return sighting == SeenRequests.Sighting.New;
    }

    /// <summary>
    /// A request Connect should not have listed, or whose ids cannot be used: it is never handled, and since it stays
    /// listed in Connect, it counts as remaining.
    /// </summary>
    private void Refuse(WorkItem item, Refusal refusal)
    {
        CountRemaining(item.Id);
        PipelineLog.Refused(logger, operations.Name, item.Id, refusal.Reason);
        report(new RequestResult(item.Id, item.Type, refusal.Status, refusal.Reason, item.Kind));
    }

    private void CountRemaining(string id)
    {
        seen.MarkRemaining(id, pass);
        Interlocked.Increment(ref kept);
    }

    /// <summary>Unreadable requests are still listed in Connect, so they count as remaining; each is reported once, never handled.</summary>
    private bool SeeUnreadable(WorkPage page)
    {
        var progressed = false;
        foreach (var unreadable in page.Unreadable)
        {
            if (unreadable.Id is not { Length: > 0 } id)
            {
                if (pass == 1 && idless.Add(unreadable.Position))
                {
                    ReportUnreadable(unreadable, string.Empty);
                }

                continue;
            }

            var sighting = seen.See(id, pass);
            if (sighting == SeenRequests.Sighting.New)
            {
                CountRemaining(id);
                ReportUnreadable(unreadable, id);
            }
            else if (sighting == SeenRequests.Sighting.CountedNow)
            {
                Interlocked.Increment(ref kept);
            }

            progressed |= sighting != SeenRequests.Sighting.Known;
        }

        return progressed;
    }

    private void ReportUnreadable(UnreadableItem unreadable, string id)
    {
        id = ConnectIds.Escape(id);
        PipelineLog.Unreadable(logger, operations.Name, id.Length == 0 ? "(without id)" : id, unreadable.Error);
        var reason = $"Connect sent this {operations.Name} request in a shape that could not be read ({unreadable.Error}); it was not processed";
        report(new RequestResult(id, string.Empty, RequestResultStatus.Skipped, reason, operations.Kind));
    }

    /// <summary>
    /// The run was cancelled while a page was being handed out: the requests of the page not started yet are reported
    /// as untouched (nothing was called for them), so that a shutdown accounts for every request it listed.
    /// </summary>
    private void ReportNotStarted(WorkPage page, int from)
    {
        var count = 0;
        for (var index = from; index < page.Items.Count; index++)
        {
            var item = page.Items[index];
            if (item.Id.Length == 0 || seen.See(item.Id, pass) != SeenRequests.Sighting.New)
            {
                continue;
            }

            if (ConnectIds.IsValid(item.Id) && operations.Listing.Check(item) is { } refusal)
            {
                // Never to be handled: reported as such rather than as waiting for the next run.
                Refuse(item, refusal);
                continue;
            }

            seen.MarkRemaining(item.Id, pass);
            count++;
            report(new RequestResult(ConnectIds.Escape(item.Id), item.Type, RequestResultStatus.RetryLater, NotStartedReason, item.Kind));
        }

        if (count > 0)
        {
            PipelineLog.NotStarted(logger, count, operations.Name);
        }
    }
}
