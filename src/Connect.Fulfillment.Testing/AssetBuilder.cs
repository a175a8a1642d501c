using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// Builds an asset (subscription) for <see cref="SandboxAssets.Add"/>: by default an active asset of product
/// <c>PRD-000-000-001</c> in the test environment, under the sandbox's default marketplace and distribution contract,
/// with no items and no parameters.
/// </summary>
public sealed class AssetBuilder
{
    internal AssetBuilder(JsonObject asset) => Asset = asset;

    internal JsonObject Asset { get; }

    /// <summary>Sets the asset id (<c>AS-…</c>); one is generated when not set.</summary>
    /// <param name="assetId">The id.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Id(string assetId)
    {
        ArgumentException.ThrowIfNullOrEmpty(assetId);
        Asset["id"] = assetId;
        return this;
    }

    /// <summary>Sets the product; its name is taken from the seeded product when there is one.</summary>
    /// <param name="productId">The product id.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Product(string productId)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        Asset["product"] = new JsonObject { ["id"] = productId, ["name"] = "Sandbox Product", ["status"] = "published" };
        return this;
    }

    /// <summary>Sets the status: <c>active</c> (the default), <c>processing</c>, <c>suspended</c>, <c>terminating</c>, <c>terminated</c>…</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Status(string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        Asset["status"] = status;
        return this;
    }

    /// <summary>Sets the connection type (environment): <c>test</c> (the default), <c>preview</c> or <c>production</c>.</summary>
    /// <param name="connectionType">The connection type.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Environment(string connectionType)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionType);
        Asset["connection"] = Seeds.Connection(connectionType);
        return this;
    }

    /// <summary>Sets the distribution contract.</summary>
    /// <param name="contractId">The contract id, e.g. <c>CRD-00000-00000-00001</c>.</param>
    /// <param name="name">The contract name.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Contract(string contractId, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contractId);
        Asset["contract"] = new JsonObject { ["id"] = contractId, ["name"] = name ?? "Sandbox Distribution Contract" };
        return this;
    }

    /// <summary>Sets the marketplace.</summary>
    /// <param name="marketplaceId">The marketplace id, e.g. <c>MP-12345</c>.</param>
    /// <param name="name">The marketplace name.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Marketplace(string marketplaceId, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(marketplaceId);
        Asset["marketplace"] = new JsonObject { ["id"] = marketplaceId, ["name"] = name ?? "Sandbox Marketplace" };
        return this;
    }

    /// <summary>Adds a parameter, e.g. the fulfillment parameter <c>subscription_id</c> holding the vendor's id.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="phase">ordering, fulfillment or configuration.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Parameter(string id, string phase = "fulfillment", string? value = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ((JsonArray)Asset["params"]!).Add(Seeds.Param(id, phase, value, "text", null, false, null, "asset"));
        return this;
    }

    /// <summary>
    /// Adds an item. When the product has a pay-as-you-go item with this MPN (<see cref="ProductBuilder.PayAsYouGoItem"/>),
    /// the asset item takes its id and <c>item_type</c> <c>PPU</c>; otherwise it is a <c>Reservation</c> item.
    /// </summary>
    /// <param name="mpn">The item MPN.</param>
    /// <param name="quantity">The quantity (pay-as-you-go items usually carry 0).</param>
    /// <param name="id">The item id; the product item's id, or the MPN, when null.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Item(string mpn, decimal quantity = 0, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mpn);
        ((JsonArray)Asset["items"]!).Add(new JsonObject
        {
            ["id"] = id,
            ["global_id"] = id,
            ["mpn"] = mpn,
            ["display_name"] = mpn,
            ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
            ["old_quantity"] = "0",
            ["period"] = "Monthly",
            ["item_type"] = null,
        });
        return this;
    }

    /// <summary>Edits the asset JSON directly.</summary>
    /// <param name="edit">Receives the asset object.</param>
    /// <returns>This builder.</returns>
    public AssetBuilder Configure(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Asset);
        return this;
    }
}
