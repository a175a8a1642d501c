using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing;

/// <summary>Builds a product with templates for seeding.</summary>
public sealed partial class ProductBuilder
{
    internal ProductBuilder(string productId) =>
        Product = new JsonObject { ["id"] = productId, ["name"] = "Sandbox Product", ["status"] = "published" };

    internal JsonObject Product { get; }

    internal List<JsonObject> Templates { get; } = [];

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
