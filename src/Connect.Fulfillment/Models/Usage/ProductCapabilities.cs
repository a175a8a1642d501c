namespace Connect.Fulfillment.Models;

/// <summary>What a product can do (<c>capabilities</c>); only the parts a processor needs are read.</summary>
public sealed record ProductCapabilities
{
    /// <summary>The pay-as-you-go capability; null when the product has none.</summary>
    public PayAsYouGoCapability? Ppu { get; init; }
}

/// <summary>The pay-as-you-go capability of a product (<c>capabilities.ppu</c>).</summary>
public sealed record PayAsYouGoCapability
{
    /// <summary>The usage schema the product's usage files follow.</summary>
    public UsageSchema Schema { get; init; }

    /// <summary>Whether usage may report items not set up in advance (dynamic items).</summary>
    public bool? Dynamic { get; init; }

    /// <summary>Whether usage may be reported in advance (predictive).</summary>
    public bool? Predictive { get; init; }

    /// <summary>Whether usage may be reported for future periods.</summary>
    public bool? Future { get; init; }

    /// <summary>Whether usage may be reported late.</summary>
    public bool? Late { get; init; }

    /// <summary>Extra columns every record must fill.</summary>
    public IReadOnlyList<string> RequiredCustomFields { get; init => field = value ?? []; } = [];
}
