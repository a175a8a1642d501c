using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing;

/// <summary>Builds a product with templates for seeding.</summary>
public sealed class ProductBuilder
{
    internal ProductBuilder(string productId) =>
        Product = new JsonObject { ["id"] = productId, ["name"] = "Sandbox Product", ["status"] = "published" };

    internal JsonObject Product { get; }

    internal List<JsonObject> Templates { get; } = [];

    internal List<JsonObject> Items { get; } = [];

    /// <summary>Sets the product name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Name(string name)
    {
        Product["name"] = name;
        return this;
    }

    /// <summary>Adds a template to the product.</summary>
    /// <param name="id">The template id (<c>TL-…</c>), or null to generate one.</param>
    /// <param name="name">The template name.</param>
    /// <param name="scope">asset, tier1 or tier2.</param>
    /// <param name="type">fulfillment, inquire, pending, or null (tier templates have none).</param>
    /// <param name="body">The markdown body; <c>{{ param_id }}</c> placeholders are filled on approve.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Template(string? id, string name = "Default Activation Template", string scope = "asset", string? type = "fulfillment", string body = "# Welcome\n\nYour subscription is active.")
    {
        var t = new JsonObject { ["id"] = id, ["title"] = name, ["name"] = name, ["body"] = body, ["scope"] = scope };
        if (type is not null)
        {
            t["type"] = type;
        }

        t["position"] = 10000;
        Templates.Add(t);
        return this;
    }

    /// <summary>Gives the product the pay-as-you-go capability (<c>capabilities.ppu</c>), so it takes usage files.</summary>
    /// <param name="schema">The usage schema: <c>qt</c>, <c>tr</c>, <c>cr</c> or <c>pr</c> (any case; stored in capitals as Connect does).</param>
    /// <returns>This builder.</returns>
    public ProductBuilder PayAsYouGo(string schema = "qt")
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Product["capabilities"] = Internal.Usage.UsageSchemas.Capabilities(Product["capabilities"] as JsonObject, schema);
        return this;
    }

    /// <summary>Adds a pay-as-you-go item (type <c>ppu</c>) to the product, listed by <c>GET /products/{id}/items</c>.</summary>
    /// <param name="mpn">The item MPN, which usage records name.</param>
    /// <param name="id">The item id; <c>{product id}-0001</c>, <c>-0002</c>… in order when null.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder PayAsYouGoItem(string mpn, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mpn);
        Items.Add(Internal.Usage.UsageSchemas.PayAsYouGoItem(Product["id"]!.GetValue<string>(), Items.Count + 1, mpn, id));
        return this;
    }

    /// <summary>Edits the product JSON directly.</summary>
    /// <param name="edit">Receives the product object.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Configure(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Product);
        return this;
    }
}
