using System.Text.Json;
using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>
/// A parameter of a request, asset or tier configuration. Parameters of type <see cref="ParameterType.Password"/>
/// hold secrets: their value is never included in <see cref="ToString"/>.
/// </summary>
public sealed record Parameter
{
    /// <summary>The parameter id chosen by the vendor, for example <c>subscription_id</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The parameter name; equal to <see cref="Id"/> in current payloads, a display label in older ones.</summary>
    public string? Name { get; init; }

    /// <summary>The parameter type.</summary>
    public ParameterType Type { get; init; }

    /// <summary>The phase in which the parameter is filled; may be missing in older payloads.</summary>
    public ParameterPhase Phase { get; init; }

    /// <summary>The scope (asset, tier1, tier2, …), when Connect sends it.</summary>
    public string? Scope { get; init; }

    /// <summary>The title shown to users.</summary>
    public string? Title { get; init; }

    /// <summary>The description shown to users.</summary>
    public string? Description { get; init; }

    /// <summary>The value as text (empty when not set).</summary>
    public string? Value { get; init; }

    /// <summary>The error text that marks the parameter invalid for an inquiry.</summary>
    public string? ValueError { get; init; }

    /// <summary>The structured value of address, phone, checkbox and object parameters.</summary>
    public JsonElement? StructuredValue { get; init; }

    /// <summary>The choices offered for the parameter: Connect sends objects, the OpenAPI description plain strings; both are read.</summary>
    [JsonConverter(typeof(ParameterChoicesJsonConverter))]
    public IReadOnlyList<ParameterChoice> ValueChoices { get; init => field = value ?? []; } = [];

    /// <summary>The constraints declared for the parameter.</summary>
    public ParameterConstraints? Constraints { get; init; }

    /// <summary>Whether the parameter holds a secret whose value must never be logged.</summary>
    public bool IsSecret => Type == ParameterType.Password;

    /// <summary>Describes the parameter without revealing the value of a password parameter.</summary>
    /// <returns>A short description.</returns>
    public override string ToString()
        => $"Parameter {{ Id = {Id}, Phase = {Phase}, Type = {Type}, Value = {(IsSecret ? "***" : Value)}, ValueError = {ValueError} }}";
}
