namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary>Pay-as-you-go products and items, seeded assets listed with RQL, and the provider's side of usage files.</summary>
public class UsageSeedingTests : UsageSandboxTestBase
{
    [Test]
    public async Task A_pay_as_you_go_product_shows_its_capability_and_items()
    {
        var (status, product, _) = await GetAsync($"products/{Product}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)product!["capabilities"]!["ppu"]!["schema"], Is.EqualTo("QT"));
            Assert.That((bool?)product["capabilities"]!["ppu"]!["dynamic"], Is.False);
            Assert.That(product["capabilities"]!["ppu"]!["required_custom_fields"]!.AsArray(), Is.Empty);
        });

        var (itemsStatus, items, response) = await GetAsync($"products/{Product}/items");
        Assert.Multiple(() =>
        {
            Assert.That(itemsStatus, Is.EqualTo(200));
            Assert.That(items!.AsArray().Select(i => ((string?)i!["id"], (string?)i["mpn"], (string?)i["type"])), Is.EqualTo(new[]
            {
                ("PRD-100-000-001-0001", "MPN-CPU", "ppu"),
                ("PRD-100-000-001-RAM", "MPN-RAM", "ppu"),
            }));
            Assert.That(ContentRange(response), Is.EqualTo("items 0-1/2"));
        });

        var (_, filtered, _) = await GetAsync($"products/{Product}/items?eq(mpn,MPN-RAM)");
        Assert.That(filtered!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await GetAsync("products/PRD-404/items")).Status, Is.EqualTo(404));
    }

    [Test]
    public void An_unknown_schema_is_refused_when_seeding()
    {
        Assert.That(() => Sandbox.Products.Add("PRD-9", p => p.PayAsYouGo("xx")), Throws.ArgumentException.With.Message.Contains("xx"));
    }

    [Test]
    public async Task Seeded_assets_are_listed_with_rql_by_product_environment_and_status()
    {
        Sandbox.Assets.Add(a => a.Id("AS-100-000-003").Product(Product).Contract(Contract).Environment("test").Status("terminated"));
        Sandbox.Assets.Add(a => a.Id("AS-100-000-004").Product(Product).Contract(Contract).Environment("production").Status("suspended"));

        var (_, active, _) = await GetAsync($"assets?and(eq(product.id,{Product}),eq(connection.type,production),in(status,(active,suspended)))");
        Assert.That(active!.AsArray().Select(a => (string?)a!["id"]), Is.EqualTo(new[] { Asset1, Asset2, "AS-100-000-004" }));

        var (_, terminated, _) = await GetAsync("assets?eq(status,terminated)");
        Assert.That(terminated!.AsArray().Select(a => (string?)a!["id"]), Is.EqualTo(new[] { "AS-100-000-003" }));

        var (_, byContract, _) = await GetAsync($"assets?and(eq(contract.id,{Contract}),eq(product.id,{OtherProduct}))");
        Assert.That(byContract!.AsArray().Select(a => (string?)a!["id"]), Is.EqualTo(new[] { OtherAsset }));
        Assert.That(Sandbox.Assets.Count, Is.EqualTo(5));
    }

    [Test]
    public void A_seeded_asset_links_its_items_to_the_product_and_keeps_its_parameters()
    {
        var id = Sandbox.Assets.Add(a => a.Product(Product).Marketplace("MP-123", "Europe").Item("MPN-RAM", 2).Item("SEAT", 5).Parameter("subscription_id", "fulfillment", "SUB-9"));

        var asset = Sandbox.GetAsset(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.StartWith("AS-"));
            Assert.That((string?)asset["status"], Is.EqualTo("active"));
            Assert.That((string?)asset["connection"]!["type"], Is.EqualTo("test"));
            Assert.That((string?)asset["product"]!["name"], Is.EqualTo("Cloud Compute"));
            Assert.That((string?)asset["marketplace"]!["name"], Is.EqualTo("Europe"));
            Assert.That((string?)asset["contract"]!["id"], Is.EqualTo("CRD-00000-00000-00000"));
            Assert.That((string?)asset["items"]![0]!["id"], Is.EqualTo("PRD-100-000-001-RAM"));
            Assert.That((string?)asset["items"]![0]!["item_type"], Is.EqualTo("PPU"));
            Assert.That((string?)asset["items"]![0]!["quantity"], Is.EqualTo("2"));
            Assert.That((string?)asset["items"]![1]!["id"], Is.EqualTo("SEAT"));
            Assert.That((string?)asset["items"]![1]!["item_type"], Is.EqualTo("Reservation"));
            Assert.That((string?)asset["params"]![0]!["value"], Is.EqualTo("SUB-9"));
            Assert.That((string?)asset["params"]![0]!["phase"], Is.EqualTo("fulfillment"));
        });
    }

    [Test]
    public async Task The_provider_accepts_rejects_and_closes_submitted_files()
    {
        var accepted = await ReadyFileAsync("usage-1");
        var rejected = await ReadyFileAsync("usage-2");
        await PostAsync($"usage/files/{accepted}/submit");
        await PostAsync($"usage/files/{rejected}/submit");

        Sandbox.UsageFiles.Accept(accepted, "Looks right.");
        Sandbox.UsageFiles.Reject(rejected, "Quantities too high.");

        Assert.Multiple(() =>
        {
            Assert.That(Sandbox.UsageFiles.GetStatus(accepted), Is.EqualTo("accepted"));
            Assert.That((string?)Sandbox.UsageFiles.Get(accepted)!["acceptance_note"], Is.EqualTo("Looks right."));
            Assert.That((int?)Sandbox.UsageFiles.Get(accepted)!["stats"]!["accepted"], Is.EqualTo(3));
            Assert.That(Sandbox.UsageFiles.GetStatus(rejected), Is.EqualTo("rejected"));
            Assert.That((string?)Sandbox.UsageFiles.Get(rejected)!["rejection_note"], Is.EqualTo("Quantities too high."));
        });

        Sandbox.UsageFiles.Close(accepted);
        Assert.That(Sandbox.UsageFiles.GetStatus(accepted), Is.EqualTo("closed"));
        Assert.That((int?)Sandbox.UsageFiles.Get(accepted)!["records"]!["closed"], Is.EqualTo(3));

        Assert.Multiple(() =>
        {
            Assert.That(() => Sandbox.UsageFiles.Accept(rejected), Throws.InvalidOperationException.With.Message.EqualTo($"Usage file {rejected} is rejected; it must be pending to become accepted."));
            Assert.That(() => Sandbox.UsageFiles.Close(rejected), Throws.InvalidOperationException);
            Assert.That(() => Sandbox.UsageFiles.Reject(accepted, "late"), Throws.InvalidOperationException);
            Assert.That(() => Sandbox.UsageFiles.Accept("UF-0000-00-0000-0000"), Throws.InvalidOperationException.With.Message.Contains("not found"));
            Assert.That(() => Sandbox.UsageFiles.Reject(accepted, " "), Throws.ArgumentException);
        });
    }

    [Test]
    public async Task The_provider_actions_are_not_public_routes()
    {
        var id = await ReadyFileAsync();
        await PostAsync($"usage/files/{id}/submit");

        var (status, _, _) = await PostAsync($"usage/files/{id}/accept", new { acceptance_note = "x" });

        Assert.That(status, Is.EqualTo(404));
        Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Set_status_puts_a_file_in_any_status()
    {
        var id = await CreateFileAsync();

        Sandbox.UsageFiles.SetStatus(id, "uploading");

        Assert.That((string?)(await GetAsync($"usage/files/{id}")).Body!["status"], Is.EqualTo("uploading"));
        Assert.That(Sandbox.UsageFiles.GetRecords("UF-0000-00-0000-0000"), Is.Empty);
        Assert.That(Sandbox.UsageFiles.Get("UF-0000-00-0000-0000"), Is.Null);
    }
}
