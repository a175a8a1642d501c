using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Usage;

namespace Connect.Fulfillment.Testing;

// Pay-as-you-go: the product's capability and its items, which uploaded usage records must name.
public sealed partial class ProductBuilder
{
    internal List<JsonObject> Items { get; } = [];

    /// <summary>Gives the product the pay-as-you-go capability (<c>capabilities.ppu</c>), so it takes usage files.</summary>
    /// <param name="schema">The usage schema: <c>qt</c>, <c>tr</c>, <c>cr</c> or <c>pr</c> (any case; stored in capitals as Connect does).</param>
    /// <returns>This builder.</returns>
    public ProductBuilder PayAsYouGo(string schema = "qt")
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Product["capabilities"] = UsageSchemas.Capabilities(Product["capabilities"] as JsonObject, schema);
        return this;
    }

    /// <summary>Adds a pay-as-you-go item (type <c>ppu</c>) to the product, listed by <c>GET /products/{id}/items</c>.</summary>
    /// <param name="mpn">The item MPN, which usage records name.</param>
    /// <param name="id">The item id; <c>{product id}-0001</c>, <c>-0002</c>… in order when null.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder PayAsYouGoItem(string mpn, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mpn);
        Items.Add(UsageSchemas.PayAsYouGoItem(Product["id"]!.GetValue<string>(), Items.Count + 1, mpn, id));
        return this;
    }
}
