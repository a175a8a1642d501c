namespace Connect.Fulfillment.Models;

/// <summary>A reference to a fulfillment request, such as an asset's pending request: its id, type and status.</summary>
public sealed record RequestReference
{
    /// <summary>The request id (<c>PR-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The request type.</summary>
    public RequestType Type { get; init; }

    /// <summary>The request status.</summary>
    public RequestStatus Status { get; init; }
}
