namespace Connect.Fulfillment.Models;

/// <summary>A reference to another Connect object by id, with its display name when Connect sends one.</summary>
public sealed record Reference
{
    /// <summary>The object's id, for example <c>MP-00000</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The object's display name.</summary>
    public string? Name { get; init; }
}
