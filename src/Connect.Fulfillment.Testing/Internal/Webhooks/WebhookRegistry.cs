using System.Collections.Concurrent;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>The webhooks of each product, keyed by product id, kept apart from the product JSON the API serves.</summary>
internal sealed class WebhookRegistry
{
    private readonly ConcurrentDictionary<string, (WebhookTarget? Validation, WebhookTarget? Events)> _byProduct = new(StringComparer.Ordinal);

    /// <summary>Sets a product's webhooks; a product added again without webhooks loses them, as its JSON is replaced too.</summary>
    public void Set(string productId, WebhookTarget? validation, WebhookTarget? events)
    {
        if (validation is null && events is null)
        {
            _byProduct.TryRemove(productId, out _);
        }
        else
        {
            _byProduct[productId] = (validation, events);
        }
    }

    public WebhookTarget? ValidationOf(string? productId) =>
        productId is not null && _byProduct.TryGetValue(productId, out var hooks) ? hooks.Validation : null;

    public WebhookTarget? EventsOf(string? productId) =>
        productId is not null && _byProduct.TryGetValue(productId, out var hooks) ? hooks.Events : null;

    public void Clear() => _byProduct.Clear();
}
