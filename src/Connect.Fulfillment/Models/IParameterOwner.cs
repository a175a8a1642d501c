namespace Connect.Fulfillment.Models;

/// <summary>
/// A Connect object that carries parameters: a fulfillment request (its asset's), an asset, a tier configuration
/// request or a tier configuration. <see cref="ParameterLookupExtensions"/> gives all of them the same lookups.
/// </summary>
public interface IParameterOwner
{
    /// <summary>The object's id, named in the message when a parameter is missing.</summary>
    string? Id { get; }

    /// <summary>The object's own parameters (a fulfillment request's are <c>asset.params</c>).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The configuration parameters that apply to the object (<c>configuration.params</c>); empty when it has none.</summary>
    IReadOnlyList<Parameter> ConfigurationParameters { get; }
}
