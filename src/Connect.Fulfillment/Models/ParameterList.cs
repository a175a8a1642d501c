namespace Connect.Fulfillment.Models;

/// <summary>A holder of configuration parameters (<c>asset.configuration</c>).</summary>
public sealed record ParameterList
{
    /// <summary>The parameters.</summary>
    public IReadOnlyList<Parameter> Params { get; init => field = value ?? []; } = [];
}
