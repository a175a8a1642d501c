using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Usage;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>The pay-as-you-go part of the sandbox data: product items, usage files and their workbooks.</summary>
internal sealed partial class SandboxStore
{
    private long _usageFileCounter;

    public OrderedStore UsageFiles { get; } = new();

    public Dictionary<string, UsageFileState> UsageFileStates { get; } = new(StringComparer.Ordinal);

    /// <summary>The items of each product (<c>GET /products/{id}/items</c>), in order.</summary>
    public Dictionary<string, List<JsonObject>> ProductItems { get; } = new(StringComparer.Ordinal);

    /// <summary>See <see cref="SandboxUsageFiles.ProcessingReads"/>.</summary>
    public int UsageProcessingReads { get; set; }

    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();

    /// <summary>A new usage file id in Connect's form, <c>UF-yyyy-MM-nnnn-nnnn</c>. Call under the lock.</summary>
    public string NextUsageFileId()
    {
        var n = ++_usageFileCounter;
        var now = timeProvider.GetUtcNow();
        return string.Create(CultureInfo.InvariantCulture, $"UF-{now:yyyy}-{now:MM}-{(n / 10_000) % 10_000:0000}-{n % 10_000:0000}");
    }

    public void SetProductItems(string productId, IEnumerable<JsonObject> items)
    {
        lock (_gate)
        {
            ProductItems[productId] = [.. items];
        }
    }

    /// <summary>The pay-as-you-go items of a product. Call under the lock.</summary>
    public IEnumerable<JsonObject> PayAsYouGoItems(string productId) =>
        ProductItems.TryGetValue(productId, out var items) ? items.Where(i => JsonPath.GetString(i, "type") == "ppu") : [];

    /// <summary>Stores a built asset: generates its id, names its product, and links its items to the product's items.</summary>
    public string AddSeededAsset(JsonObject asset)
    {
        lock (_gate)
        {
            var id = JsonPath.GetString(asset, "id");
            if (string.IsNullOrEmpty(id))
            {
                id = Ids.NextAsset();
                asset["id"] = id;
            }

            var productId = JsonPath.GetString(asset, "product.id")!;
            if (Products.TryGetValue(productId, out var product) && JsonPath.GetString(product, "name") is { } name)
            {
                asset["product"]!["name"] = name;
            }

            var ppu = PayAsYouGoItems(productId).ToList();
            foreach (var item in (asset["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var mpn = JsonPath.GetString(item, "mpn");
                var match = ppu.FirstOrDefault(p => JsonPath.GetString(p, "mpn") == mpn);
                var itemId = JsonPath.GetString(item, "id") ?? JsonPath.GetString(match, "id") ?? mpn;
                item["id"] = itemId;
                item["global_id"] = itemId;
                item["item_type"] = match is null ? "Reservation" : "PPU";
                item["type"] = match is null ? "Users" : "Units";
            }

            Assets.Put(id, asset);
            return id;
        }
    }

    private void ClearUsage()
    {
        UsageFiles.Clear();
        UsageFileStates.Clear();
        ProductItems.Clear();
    }
}
