using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Testing.Tests.Usage;

namespace Connect.Fulfillment.Testing.Tests.EndToEnd;

/// <summary>The client's usage operations, asset queries and product capabilities against the sandbox.</summary>
public class UsageClientTests : ClientTestBase
{
    private const string PpuProduct = "PRD-600-000-006";
    private const string Contract = "CRD-00000-00000-00006";

    [SetUp]
    public void SeedPayAsYouGo()
    {
        Sandbox.Products.Add(PpuProduct, p => p.Name("Metered").PayAsYouGo().PayAsYouGoItem("MPN-CPU"));
        Sandbox.Assets.Add(a => a.Id("AS-600-000-001").Product(PpuProduct).Contract(Contract).Environment("production").Item("MPN-CPU"));
        Sandbox.Assets.Add(a => a.Id("AS-600-000-002").Product(PpuProduct).Contract(Contract).Environment("test").Item("MPN-CPU"));
        Sandbox.Assets.Add(a => a.Id("AS-600-000-003").Product(PpuProduct).Contract(Contract).Environment("production").Status("terminated"));
    }

    private NewUsageFile NewFile(string externalId = "usage-ext-1") => new()
    {
        Name = "Usage 2026-11",
        ProductId = PpuProduct,
        ContractId = Contract,
        PeriodFrom = new DateOnly(2026, 11, 1),
        PeriodTo = new DateOnly(2026, 11, 30),
        Currency = "USD",
        ExternalId = externalId,
    };

    [Test]
    public async Task The_client_reads_the_product_capability_and_lists_assets_by_query()
    {
        var product = await Client.GetProductAsync(PpuProduct);
        Assert.That(product.Capabilities?.Ppu?.Schema, Is.EqualTo(UsageSchema.Quantity));

        var assets = await ToListAsync(Client.ListAssetsAsync(AssetQuery.ForProduct(PpuProduct, [ConnectionType.Production], [AssetStatus.Active])));

        Assert.That(assets.Select(a => a.Id), Is.EqualTo(new[] { "AS-600-000-001" }));
        Assert.That(assets[0].Items.Single().Mpn, Is.EqualTo("MPN-CPU"));
        Assert.That(assets[0].Contract?.Id, Is.EqualTo(Contract));
    }

    [Test]
    public async Task Create_upload_submit_through_the_client()
    {
        var created = await Client.CreateUsageFileAsync(NewFile());
        Assert.That(created.Id, Does.StartWith("UF-"));
        Assert.That(created.ProductIdentifier, Is.EqualTo(PpuProduct));

        using var workbook = new MemoryStream(TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-CPU", 4.5m, "AS-600-000-001")]));
        var uploaded = await Client.UploadUsageFileAsync(created.Id!, workbook, "november.xlsx");
        Assert.That(uploaded.Status, Is.EqualTo(UsageFileStatus.Ready), uploaded.ErrorDetail);
        Assert.That(uploaded.Records?.Valid, Is.EqualTo(1));

        var found = await ToListAsync(Client.ListUsageFilesAsync(new UsageFileQuery { ProductIds = [PpuProduct], ExternalIds = ["usage-ext-1"] }));
        Assert.That(found.Select(f => f.Id), Is.EqualTo(new[] { created.Id }));

        var submitted = await Client.SubmitUsageFileAsync(created.Id!);
        Assert.That(submitted.Status, Is.EqualTo(UsageFileStatus.Pending));
        Assert.That(Sandbox.UsageFiles.GetRecords(created.Id!).Single().Quantity, Is.EqualTo(4.5m));

        AssertWrongState(await ThrowsConnectAsync(() => Client.SubmitUsageFileAsync(created.Id!)));
        AssertWrongState(await ThrowsConnectAsync(() => Client.DeleteUsageFileAsync(created.Id!)));
        AssertWrongState(await ThrowsConnectAsync(() => Client.ReprocessUsageFileAsync(created.Id!)));
    }

    [Test]
    public async Task An_invalid_upload_carries_the_error_detail_and_can_be_deleted()
    {
        var created = await Client.CreateUsageFileAsync(NewFile());
        using var workbook = new MemoryStream(TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-GPU", 1, "AS-600-000-001")]));

        var uploaded = await Client.UploadUsageFileAsync(created.Id!, workbook);

        Assert.That(uploaded.Status, Is.EqualTo(UsageFileStatus.Invalid));
        Assert.That(uploaded.ErrorDetail, Does.Contain("\"MPN-GPU\" is not a pay-as-you-go item"));
        Assert.That((await Client.ReprocessUsageFileAsync(created.Id!)).Status, Is.EqualTo(UsageFileStatus.Invalid));
        Assert.That((await Client.DeleteUsageFileAsync(created.Id!)).Status, Is.EqualTo(UsageFileStatus.Deleted));
        Assert.That((await Client.GetUsageFileAsync(created.Id!)).Status, Is.EqualTo(UsageFileStatus.Deleted));
    }

    [Test]
    public async Task A_bad_create_is_a_400_with_the_field_errors()
    {
        var ex = await ThrowsConnectAsync(() => Client.CreateUsageFileAsync(NewFile() with { ProductId = "PRD-404" }));

        Assert.That(ex.StatusCode, Is.EqualTo(400));
        Assert.That(ex.ErrorCode, Is.EqualTo("VAL_001"));
        Assert.That(ex.Errors, Does.Contain("product: Product PRD-404 not found."));
    }
}
