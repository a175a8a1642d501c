using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing;

/// <summary>Seeds and counts assets (subscriptions) in a sandbox; <c>GET /assets</c> lists them with RQL filters.</summary>
public sealed class SandboxAssets
{
    private readonly SandboxStore _state;

    internal SandboxAssets(SandboxStore state) => _state = state;

    /// <summary>Gets how many assets are stored (those seeded here, from JSON, and those of seeded requests).</summary>
    public int Count => _state.Read(s => s.Assets.Count);

    /// <summary>Adds (or replaces) an asset built from realistic defaults (an active test-environment asset).</summary>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The asset id.</returns>
    public string Add(Action<AssetBuilder>? configure = null)
    {
        var builder = new AssetBuilder(DefaultAsset(_state.Now()));
        configure?.Invoke(builder);
        return _state.AddSeededAsset(builder.Asset);
    }

    private static JsonObject DefaultAsset(string now) => new()
    {
        ["id"] = null,
        ["status"] = "active",
        ["external_id"] = string.Empty,
        ["external_uid"] = string.Empty,
        ["product"] = new JsonObject { ["id"] = "PRD-000-000-001", ["name"] = "Sandbox Product", ["status"] = "published" },
        ["connection"] = Seeds.Connection("test"),
        ["events"] = new JsonObject { ["created"] = new JsonObject { ["at"] = now }, ["updated"] = new JsonObject { ["at"] = now } },
        ["items"] = new JsonArray(),
        ["params"] = new JsonArray(),
        ["tiers"] = new JsonObject
        {
            ["customer"] = Seeds.Account("TA-0000-0000-0001", "Sandbox Customer", "customer@sandbox.example.com"),
            ["tier1"] = Seeds.Account("TA-0000-0000-0002", "Sandbox Reseller", "reseller@sandbox.example.com"),
            ["tier2"] = new JsonObject(),
        },
        ["configuration"] = new JsonObject { ["params"] = new JsonArray() },
        ["marketplace"] = new JsonObject { ["id"] = "MP-00000", ["name"] = "Sandbox Marketplace" },
        ["contract"] = new JsonObject { ["id"] = "CRD-00000-00000-00000", ["name"] = "Sandbox Distribution Contract" },
    };
}
