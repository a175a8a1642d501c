namespace Connect.Fulfillment.Models;

/// <summary>
/// When a request was created and last changed, and by whom, as Connect records it (<c>events</c>). Connect names the
/// user only for some events, so <see cref="RequestEvent.By"/> may be null.
/// </summary>
public sealed record RequestEvents
{
    /// <summary>When the request was created (<c>events.created</c>).</summary>
    public RequestEvent? Created { get; init; }

    /// <summary>The last change (<c>events.updated</c>): for a request that moved on, who moved it and when.</summary>
    public RequestEvent? Updated { get; init; }
}

/// <summary>One entry of <see cref="RequestEvents"/>: when, and by whom when Connect says.</summary>
public sealed record RequestEvent
{
    /// <summary>When it happened (<c>at</c>).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The user or account that did it (<c>by</c>: an id such as <c>UR-…</c> or <c>SU-…</c>, and a name).</summary>
    public Reference? By { get; init; }
}
