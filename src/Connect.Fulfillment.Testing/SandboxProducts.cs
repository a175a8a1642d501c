using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing;

/// <summary>Seeds products and their templates in a sandbox.</summary>
public sealed class SandboxProducts
{
    private readonly SandboxStore _state;
    private readonly SandboxWebhooks _webhooks;

    internal SandboxProducts(SandboxStore state, SandboxWebhooks webhooks)
    {
        _state = state;
        _webhooks = webhooks;
    }

    /// <summary>Adds (or replaces) a product with its templates.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="configure">Sets the name and adds templates.</param>
    /// <returns>The product id.</returns>
    public string Add(string productId, Action<ProductBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        var builder = new ProductBuilder(productId);
        configure?.Invoke(builder);
        _state.AddProduct(builder.Product, builder.Templates);
        _webhooks.Registry.Set(productId, builder.ValidationTarget, builder.EventsTarget);
        return productId;
    }

    /// <summary>Adds templates from JSON (one template object or an array, e.g. a real templates list) to a product.</summary>
    /// <param name="productId">The product id (created when missing).</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The template ids.</returns>
    public IReadOnlyList<string> AddTemplatesFromJson(string productId, string json) => _state.AddTemplates(productId, Seeds.ForEachObject(json));

    /// <summary>Adds templates from a JSON file to a product.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="path">The file path.</param>
    /// <returns>The template ids.</returns>
    public IReadOnlyList<string> AddTemplatesFromFile(string productId, string path) => AddTemplatesFromJson(productId, File.ReadAllText(path));
}
