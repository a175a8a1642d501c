using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Tests.Models;

public class ItemExtensionsTests
{
    private static FulfillmentRequest Read(string name) => ConnectJson.DeserializeRequest(Fixtures.Read(name));

    [Test]
    public void Items_are_found_by_id_mpn_and_global_id()
    {
        var request = Read("request_purchase_pending.processors-toolkit.json");

        Assert.Multiple(() =>
        {
            Assert.That(request.GetItem("PRD_568_313_088_0001").Mpn, Is.EqualTo("MPN-CAT-IMG"));
            Assert.That(request.GetItemByMpn("MPN-CAT-IMG").Id, Is.EqualTo("PRD_568_313_088_0001"));
            Assert.That(request.GetItemByGlobalId("PRD-568-313-088-0001").QuantityValue, Is.EqualTo(10m));
            Assert.That(request.TryGetItemByMpn("MPN-CAT-IMG", out var item), Is.True);
            Assert.That(item!.GlobalId, Is.EqualTo("PRD-568-313-088-0001"));
            Assert.That(request.FindItem("nope"), Is.Null);
            Assert.That(request.FindItemByMpn("mpn-cat-img"), Is.Null, "ordinal comparison");
            Assert.That(request.TryGetItemByGlobalId("PRD-000", out _), Is.False);
        });
    }

    [Test]
    public void Missing_item_message_names_the_key_and_the_owner()
    {
        var request = Read("request_cancel.acronis-processor.json");
        var asset = JsonSerializer.Deserialize<Asset>(Fixtures.Read("asset_active.python-sdk.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(() => request.GetItemByMpn("NOPE"),
                Throws.TypeOf<KeyNotFoundException>().With.Message.EqualTo("Item with MPN 'NOPE' was not found on request PR-6348-1627-6252-001."));
            Assert.That(() => asset.GetItem("SKU-X"),
                Throws.TypeOf<KeyNotFoundException>().With.Message.EqualTo("Item with id 'SKU-X' was not found on asset AS-9861-7949-8492."));
            Assert.That(() => new FulfillmentRequest().GetItemByGlobalId("G"),
                Throws.TypeOf<KeyNotFoundException>().With.Message.EqualTo("Item with global id 'G' was not found on request (without id)."));
        });
    }

    [Test]
    public void Asset_items_are_found_and_null_global_ids_do_not_match()
    {
        var asset = JsonSerializer.Deserialize<Asset>(Fixtures.Read("asset_active.python-sdk.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(asset.GetItemByMpn("USR-FFFAC1M").Id, Is.EqualTo("SKU-9861-7949-8492-0002"));
            Assert.That(asset.TryGetItem("SKU-9861-7949-8492-0001", out var first), Is.True);
            Assert.That(first!.QuantityValue, Is.EqualTo(3m));
            Assert.That(asset.FindItemByGlobalId(string.Empty), Is.Null);
        });
    }

    [Test]
    public void First_duplicate_item_wins()
    {
        var request = new FulfillmentRequest
        {
            Id = "PR-1",
            Asset = new Asset { Items = [new Item { Id = "A", Mpn = "M", Quantity = "1" }, new Item { Id = "B", Mpn = "M", Quantity = "2" }] },
        };

        Assert.That(request.GetItemByMpn("M").Id, Is.EqualTo("A"));
    }

    [Test]
    public void Change_request_fixture_has_one_changed_item_and_ignores_unchanged_zero_items()
    {
        var changes = Read("request_change.acronis-processor.json").GetItemChanges();

        Assert.Multiple(() =>
        {
            Assert.That(changes.Added, Is.Empty);
            Assert.That(changes.Changed.Select(i => i.Mpn), Is.EqualTo(new[] { "SRAAMSENS" }));
            Assert.That(changes.Removed, Is.Empty, "BU10 goes 0 -> 0");
            Assert.That(changes.HasChanges, Is.True);
        });
    }

    [Test]
    public void Cancel_request_fixture_has_one_removed_and_one_added_item()
    {
        var changes = Read("request_cancel.acronis-processor.json").GetItemChanges();

        Assert.Multiple(() =>
        {
            Assert.That(changes.Added.Select(i => i.Mpn), Is.EqualTo(new[] { "BU3655GB" }));
            Assert.That(changes.Removed.Select(i => i.Mpn), Is.EqualTo(new[] { "BU10" }));
            Assert.That(changes.Changed, Is.Empty);
        });
    }

    [Test]
    public void Deltas_follow_the_quantity_rules()
    {
        var asset = new Asset
        {
            Items =
            [
                new Item { Id = "new", Quantity = "5", OldQuantity = "0" },
                new Item { Id = "new-no-old", Quantity = "2" },
                new Item { Id = "up", Quantity = "7", OldQuantity = "3" },
                new Item { Id = "same", Quantity = "3", OldQuantity = "3" },
                new Item { Id = "gone", Quantity = "0", OldQuantity = "4" },
                new Item { Id = "never", Quantity = "0", OldQuantity = "0" },
            ],
        };

        var changes = asset.GetItemChanges();

        Assert.Multiple(() =>
        {
            Assert.That(changes.Added.Select(i => i.Id), Is.EqualTo(new[] { "new", "new-no-old" }));
            Assert.That(changes.Changed.Select(i => i.Id), Is.EqualTo(new[] { "up" }));
            Assert.That(changes.Removed.Select(i => i.Id), Is.EqualTo(new[] { "gone" }));
            Assert.That(new FulfillmentRequest().GetItemChanges().HasChanges, Is.False);
        });
    }
}
