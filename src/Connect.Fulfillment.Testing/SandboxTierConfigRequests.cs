using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing;

/// <summary>Seeds tier configuration requests in a sandbox.</summary>
public sealed class SandboxTierConfigRequests
{
    private readonly SandboxStore _state;

    internal SandboxTierConfigRequests(SandboxStore state) => _state = state;

    /// <summary>Adds a tier configuration request built from realistic defaults (pending preview tier-1 setup).</summary>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The id.</returns>
    public string Add(Action<TierConfigRequestBuilder>? configure = null)
    {
        var builder = new TierConfigRequestBuilder(Seeds.DefaultTcr());
        configure?.Invoke(builder);
        return _state.AddTierConfigRequest(builder.Tcr);
    }

    /// <summary>Adds tier configuration requests from JSON (object or array).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> AddFromJson(string json) => Seeds.ForEachObject(json).Select(_state.AddTierConfigRequest).ToArray();

    /// <summary>Adds tier configuration requests from a JSON file (object or array).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> AddFromFile(string path) => AddFromJson(File.ReadAllText(path));
}
