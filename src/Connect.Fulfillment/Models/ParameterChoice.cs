namespace Connect.Fulfillment.Models;

/// <summary>One choice of a choice, dropdown or checkbox parameter.</summary>
public sealed record ParameterChoice
{
    /// <summary>The value stored when chosen.</summary>
    public string? Value { get; init; }

    /// <summary>The label shown to the customer.</summary>
    public string? Label { get; init; }

    /// <summary>Whether the choice is selected by default.</summary>
    public bool? Default { get; init; }
}
