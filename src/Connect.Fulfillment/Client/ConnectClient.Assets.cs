using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment;

// Asset listing and product reads: what a usage report needs to know about subscriptions and pay-as-you-go products.
public sealed partial class ConnectClient
{
    /// <inheritdoc />
    public IAsyncEnumerable<Asset> ListAssetsAsync(AssetQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync("assets", query?.ToRql(), Json.ListAsset, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<Asset>> GetAssetsPageAsync(AssetQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync("assets", query?.ToRql(), offset, limit, Json.ListAsset, cancellationToken);

    /// <inheritdoc />
    public Task<Product> GetProductAsync(string productId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Get, Path("products", productId), null, null, Json.Product, cancellationToken);
}
