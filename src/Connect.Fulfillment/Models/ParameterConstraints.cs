using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The constraints Connect declares for a parameter.</summary>
public sealed record ParameterConstraints
{
    /// <summary>Whether the parameter must have a value before approval.</summary>
    public bool? Required { get; init; }

    /// <summary>Whether the parameter is hidden from the customer.</summary>
    public bool? Hidden { get; init; }

    /// <summary>Whether the parameter is read-only for the customer.</summary>
    public bool? Readonly { get; init; }

    /// <summary>Whether the value must be unique.</summary>
    public bool? Unique { get; init; }

    /// <summary>Whether the parameter is used for reconciliation.</summary>
    public bool? Reconciliation { get; init; }

    /// <summary>The input placeholder.</summary>
    public string? Placeholder { get; init; }

    /// <summary>The input hint.</summary>
    public string? Hint { get; init; }

    /// <summary>The minimum value length.</summary>
    public int? MinLength { get; init; }

    /// <summary>The maximum value length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The choices of a choice or dropdown parameter, sent as objects or as plain strings.</summary>
    [JsonConverter(typeof(ParameterChoicesJsonConverter))]
    public IReadOnlyList<ParameterChoice> Choices { get; init => field = value ?? []; } = [];
}
