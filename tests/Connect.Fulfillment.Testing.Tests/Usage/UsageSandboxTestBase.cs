using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary>
/// A sandbox with a QT pay-as-you-go product (items MPN-CPU and MPN-RAM), two assets under contract CRD-1 and one of
/// another product, plus helpers to create and upload usage files over HTTP.
/// </summary>
public abstract class UsageSandboxTestBase : SandboxTestBase
{
    protected const string Product = "PRD-100-000-001";
    protected const string OtherProduct = "PRD-200-000-002";
    protected const string Contract = "CRD-00000-00000-00001";
    protected const string Asset1 = "AS-100-000-001";
    protected const string Asset2 = "AS-100-000-002";
    protected const string OtherAsset = "AS-200-000-001";

    [SetUp]
    public void SeedPayAsYouGo()
    {
        Sandbox.Products.Add(Product, p => p.Name("Cloud Compute").PayAsYouGo().PayAsYouGoItem("MPN-CPU").PayAsYouGoItem("MPN-RAM", "PRD-100-000-001-RAM"));
        Sandbox.Products.Add(OtherProduct, p => p.Name("Backup").PayAsYouGo().PayAsYouGoItem("MPN-DISK"));
        Sandbox.Assets.Add(a => a.Id(Asset1).Product(Product).Contract(Contract).Environment("production").Item("MPN-CPU").Item("MPN-RAM").Parameter("subscription_id", value: "SUB-1"));
        Sandbox.Assets.Add(a => a.Id(Asset2).Product(Product).Contract(Contract).Environment("production").Item("MPN-CPU").Parameter("subscription_id", value: "SUB-2"));
        Sandbox.Assets.Add(a => a.Id(OtherAsset).Product(OtherProduct).Contract(Contract).Item("MPN-DISK"));
    }

    protected static object NewFile(string externalId = "usage-2026-11", string contract = Contract, string product = Product) => new
    {
        name = "Usage 2026-11",
        description = "November usage",
        period = new { from = "2026-11-01", to = "2026-11-30" },
        currency = "EUR",
        product = new { id = product },
        contract = new { id = contract },
        external_id = externalId,
    };

    protected async Task<string> CreateFileAsync(string externalId = "usage-2026-11", string contract = Contract)
    {
        var (status, body, _) = await PostAsync("usage/files", NewFile(externalId, contract));
        Assert.That(status, Is.EqualTo(201), body?.ToJsonString());
        return (string)body!["id"]!;
    }

    protected async Task<(int Status, JsonNode? Body)> UploadAsync(string fileId, byte[] workbook, string field = "usage_file")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, field, "usage.xlsx");
        using var response = await Http.PostAsync($"usage/files/{fileId}/upload", content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A file created and uploaded with one valid record per asset of the contract: status ready.</summary>
    protected async Task<string> ReadyFileAsync(string externalId = "usage-2026-11")
    {
        var id = await CreateFileAsync(externalId);
        var (status, body) = await UploadAsync(id, ValidWorkbook());
        Assert.That((string?)body?["status"], Is.EqualTo("ready"), body?.ToJsonString());
        Assert.That(status, Is.EqualTo(200));
        return id;
    }

    protected static byte[] ValidWorkbook() => TestWorkbook.Create(
    [
        TestWorkbook.Row("R-1", "MPN-CPU", 12.5m, Asset1),
        TestWorkbook.Row("R-2", "MPN-RAM", 3, Asset1, "2026-11-10 08:00:00", "2026-11-20 18:30:00"),
        TestWorkbook.Row("R-3", "MPN-CPU", 0, Asset2),
    ]);
}
