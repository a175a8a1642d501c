using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>A handler's decision and the parameter writes it queued on its context.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="ContextUpdates">The writes queued with <see cref="ProcessingContext.SetParameter(ParameterUpdate)"/>.</param>
/// <param name="ByHandler">False when the pipeline decided for the request (no handler, a handler failure, a cancellation).</param>
internal sealed record Decision(RequestOutcome Outcome, IReadOnlyList<ParameterUpdate> ContextUpdates, bool ByHandler = true)
{
    /// <summary>An outcome the pipeline decided without a handler's say.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The decision.</returns>
    public static Decision ByPipeline(RequestOutcome outcome) => new(outcome, [], false);
}

/// <summary>
/// Everything that differs between the kinds of request, chosen once per kind: how they are listed, re-read,
/// routed to a handler, written and transitioned. Which transition to make is the applier's choice, never this one's.
/// </summary>
internal abstract class RequestOperations
{
    public abstract RequestKind Kind { get; }

    /// <summary>The kind's name in logs and metrics: <c>fulfillment</c> or <c>tier-config</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The statuses listed (and processed) for this kind.</summary>
    public abstract IReadOnlyCollection<RequestStatus> ListedStatuses { get; }

    /// <summary>What the listing asked Connect for, checked again on every request Connect sends.</summary>
    public abstract ListedRequestCheck Listing { get; }

    /// <summary>Whether an approval may carry an activation tile instead of a template.</summary>
    public abstract bool SupportsActivationTile { get; }

    public abstract Task<WorkPage> ListPageAsync(int offset, CancellationToken cancellationToken);

    /// <summary>Whether a page repeats the previous one because the server ignores offset (see <see cref="ConnectClient.IsRepeatedPage"/>).</summary>
    public abstract bool IsRepeatedPage(WorkPage previous, WorkPage page);

    /// <summary>The error that stops a listing that repeats itself.</summary>
    public abstract ConnectApiException RepeatedPageError(WorkPage previous, WorkPage page);

    /// <summary>The error that stops a pass that read more pages than any real listing has.</summary>
    public abstract ConnectApiException TooManyPagesError(int maxPages, WorkPage page);

    public abstract Task<WorkItem> GetAsync(string id, CancellationToken cancellationToken);

    public abstract IEnumerable<Parameter> ParametersOf(WorkItem item);

    public abstract TemplateScope TemplateScopeOf(WorkItem item);

    /// <summary>Runs the handler routed for the request; null when none takes it.</summary>
    public abstract Task<Decision?> HandleAsync(WorkItem item, IServiceProvider services, bool dryRun, CancellationToken cancellationToken);

    public abstract Task UpdateParametersAsync(string id, IReadOnlyList<ParameterUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Approves; returns the status Connect reports afterwards, or null when it says none.</summary>
    public abstract Task<RequestStatus?> ApproveAsync(string id, ApproveRequest approval, CancellationToken cancellationToken);

    public abstract Task<RequestStatus?> FailAsync(string id, string reason, CancellationToken cancellationToken);

    public abstract Task<RequestStatus?> InquireAsync(string id, string? templateId, CancellationToken cancellationToken);

    public abstract Task<RequestStatus?> PendAsync(string id, CancellationToken cancellationToken);
}

/// <summary>The part of <see cref="RequestOperations"/> that only converts between a model and its work item.</summary>
/// <typeparam name="T">The request model.</typeparam>
internal abstract class RequestOperations<T> : RequestOperations
    where T : class
{
    /// <summary>The collection path, relative to the endpoint, named in a repeated-page error.</summary>
    protected abstract string ListPath { get; }

    public sealed override async Task<WorkPage> ListPageAsync(int offset, CancellationToken cancellationToken)
    {
        var page = await ListAsync(offset, cancellationToken).ConfigureAwait(false);
        var items = new WorkItem[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ToItem(page.Items[i]);
        }

        return new WorkPage(items, page.UnreadableItems, page.Offset, page.Total, page.Count, page.HasMore, page);
    }

    public sealed override bool IsRepeatedPage(WorkPage previous, WorkPage page)
        => ConnectClient.IsRepeatedPage((ConnectPage<T>)previous.Source, (ConnectPage<T>)page.Source);

    public sealed override ConnectApiException RepeatedPageError(WorkPage previous, WorkPage page)
        => ConnectClient.RepeatedPage(ListPath, previous.Offset, page.Offset);

    public sealed override ConnectApiException TooManyPagesError(int maxPages, WorkPage page)
        => ConnectClient.TooManyPages(ListPath, maxPages, page.Offset, page.Total is not null);

    public sealed override async Task<WorkItem> GetAsync(string id, CancellationToken cancellationToken)
        => ToItem(await ReadAsync(id, cancellationToken).ConfigureAwait(false));

    public sealed override IEnumerable<Parameter> ParametersOf(WorkItem item) => ParametersOf((T)item.Model);

    public sealed override TemplateScope TemplateScopeOf(WorkItem item) => TemplateScopeOf((T)item.Model);

    public sealed override Task<Decision?> HandleAsync(WorkItem item, IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
        => HandleAsync((T)item.Model, services, dryRun, cancellationToken);

    protected abstract Task<ConnectPage<T>> ListAsync(int offset, CancellationToken cancellationToken);

    protected abstract Task<T> ReadAsync(string id, CancellationToken cancellationToken);

    protected abstract WorkItem ToItem(T request);

    protected abstract IEnumerable<Parameter> ParametersOf(T request);

    protected abstract TemplateScope TemplateScopeOf(T request);

    protected abstract Task<Decision?> HandleAsync(T request, IServiceProvider services, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Runs a handler on its context; a handler that returns no outcome is a handler failure.</summary>
    protected static async Task<Decision> DecideAsync(ProcessingContext context, Task<RequestOutcome> handling)
    {
        var outcome = await handling.ConfigureAwait(false) ?? throw new InvalidOperationException("The handler returned no outcome.");
        return new Decision(outcome, context.ParameterUpdates);
    }
}
