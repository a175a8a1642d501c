using System.Text.Json.Serialization;

namespace Connect.Fulfillment.Models;

/// <summary>A holder of configuration parameters (<c>asset.configuration</c>).</summary>
public sealed record ParameterList
{
    /// <summary>The parameters. Sent as <c>params</c>.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyList<Parameter> Parameters { get; init => field = value ?? []; } = [];
}
