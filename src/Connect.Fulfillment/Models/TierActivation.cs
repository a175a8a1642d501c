namespace Connect.Fulfillment.Models;

/// <summary>The activation of a tier configuration request: the link the reseller follows, once Connect provides it.</summary>
public sealed record TierActivation
{
    /// <summary>The activation link.</summary>
    public string? Link { get; init; }
}
