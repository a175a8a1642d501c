using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Models.Internal;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// One request to process, whatever its kind: the values every step needs, read once from the model by the
/// request's <see cref="RequestOperations"/>, which also carries out everything that differs by kind.
/// </summary>
internal sealed class WorkItem(
    RequestOperations operations,
    object model,
    string? id,
    string type,
    RequestStatus status,
    string? productId,
    string environment,
    string subjectKey,
    string? subjectId)
{
    /// <summary>What differs by kind: listing, re-reading, the handler call, writes and transitions.</summary>
    public RequestOperations Operations { get; } = operations;

    /// <summary>The request as read (a <see cref="FulfillmentRequest"/> or a <see cref="TierConfigRequest"/>); only its operations look inside.</summary>
    public object Model { get; } = model;

    public RequestKind Kind => Operations.Kind;

    /// <summary>The request id; empty when Connect sent none.</summary>
    public string Id { get; } = id ?? string.Empty;

    /// <summary>The request type, shared with other results of the same type; escaped, since it goes into log scopes, reasons and summaries.</summary>
    public string Type { get; } = RequestTypeNames.Share(ConnectIds.Escape(type));

    /// <summary>The status; escaped like <see cref="Type"/>, which leaves every status Connect documents as it is.</summary>
    public RequestStatus Status { get; } = status.Value is { } value && !ReferenceEquals(ConnectIds.Escape(value), value) ? new RequestStatus(ConnectIds.Escape(value)) : status;

    public string? ProductId { get; } = productId;

    /// <summary>The environment (connection type): preview, test or production.</summary>
    public string Environment { get; } = ConnectIds.Escape(environment);

    /// <summary>The log scope key of the object the request is about: <c>connect.asset.id</c> or <c>connect.tier_config.id</c>.</summary>
    public string SubjectKey { get; } = subjectKey;

    /// <summary>The id of the asset or tier configuration the request is about.</summary>
    public string? SubjectId { get; } = subjectId;

    /// <summary>The lease this process holds on the request while it works on it; null when none was taken.</summary>
    public IRequestLease? Lease { get; set; }

    /// <summary>Fires when the lease on the request is lost: its work stops at the next safe point.</summary>
    public CancellationToken LeaseLost => Lease?.LostToken ?? CancellationToken.None;

    /// <summary>Every parameter the request carries (its own, its asset's or configuration's), to find password-type values.</summary>
    public IEnumerable<Parameter> Parameters => Operations.ParametersOf(this);
}

/// <summary>One page of a listing, as work items.</summary>
/// <param name="Items">The requests that could be read.</param>
/// <param name="Unreadable">The requests Connect sent in a shape that could not be read.</param>
/// <param name="Offset">The offset the page was read at.</param>
/// <param name="Total">The total Connect reported, if any.</param>
/// <param name="Count">How many items Connect sent, read or not.</param>
/// <param name="HasMore">Whether more items follow.</param>
/// <param name="Source">The page as read, for the repeated-page check.</param>
internal sealed record WorkPage(IReadOnlyList<WorkItem> Items, IReadOnlyList<UnreadableItem> Unreadable, int Offset, int? Total, int Count, bool HasMore, object Source);
