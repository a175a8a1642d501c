using System.Text;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using WireMock.ResponseBuilders;

namespace Connect.Fulfillment.Tests.Client;

/// <summary>Usage files, asset listing and product reads: exactly what is sent and what is read.</summary>
public class UsageFileOperationTests
{
    private const string FileId = "UF-2026-11-1234-5678";
    private ConnectServer server = null!;
    private ConnectClient client = null!;

    [SetUp]
    public void SetUp()
    {
        server = ConnectServer.Start();
        client = server.Client();
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        server.Dispose();
    }

    [Test]
    public async Task CreateUsageFile_posts_the_spec_body_and_reads_the_flat_create_answer()
    {
        server.Given("POST", "usage/files", 201, UsagePayloads.Created);

        var file = await client.CreateUsageFileAsync(new NewUsageFile
        {
            Name = "Usage 2026-11",
            ProductId = "PRD-123-456-789",
            ContractId = "CRD-00000-00000-00000",
            PeriodFrom = new DateOnly(2026, 11, 1),
            PeriodTo = new DateOnly(2026, 11, 30),
            Currency = "USD",
            ExternalId = "usage-PRD-1-CRD-1-2026-11",
        });

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/usage/files"));
            Assert.That(ConnectServer.Body(call), Is.EqualTo(
                """{"name":"Usage 2026-11","period":{"from":"2026-11-01","to":"2026-11-30"},"product":{"id":"PRD-123-456-789"},"contract":{"id":"CRD-00000-00000-00000"},"currency":"USD","external_id":"usage-PRD-1-CRD-1-2026-11"}"""));
            Assert.That(ConnectServer.Header(call, "Content-Type"), Does.StartWith("application/json"));
            Assert.That(file.Id, Is.EqualTo(FileId));
            Assert.That(file.Vendor?.Id, Is.EqualTo("VA-000-000"));
            Assert.That(file.Marketplace?.Id, Is.EqualTo("MP-00000"));
            Assert.That(file.ProductIdentifier, Is.EqualTo("PRD-123-456-789"));
            Assert.That(file.Schema, Is.EqualTo(UsageSchema.Quantity));
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [Test]
    public void CreateUsageFile_refuses_a_period_that_ends_before_it_starts()
    {
        var file = new NewUsageFile { Name = "n", ProductId = "PRD-1", ContractId = "CRD-1", PeriodFrom = new DateOnly(2026, 11, 30), PeriodTo = new DateOnly(2026, 11, 1) };
        Assert.That(() => client.CreateUsageFileAsync(file), Throws.ArgumentException.With.Message.Contains("ends (2026-11-01) before it starts (2026-11-30)"));
        Assert.That(server.Received, Is.Empty);
    }

    [Test]
    public async Task UploadUsageFile_sends_the_workbook_as_the_multipart_field_usage_file_and_leaves_the_stream_open()
    {
        server.Given("POST", $"usage/files/{FileId}/upload", body: UsagePayloads.Detail("uploading"));
        using var workbook = new MemoryStream(Encoding.ASCII.GetBytes("PK-workbook-bytes"));

        var file = await client.UploadUsageFileAsync(FileId, workbook, "november.xlsx");

        var call = server.Single();
        var body = Encoding.ASCII.GetString(call.RequestMessage.BodyAsBytes ?? Encoding.ASCII.GetBytes(call.RequestMessage.Body ?? string.Empty));
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/usage/files/{FileId}/upload"));
            Assert.That(ConnectServer.Header(call, "Content-Type"), Does.StartWith("multipart/form-data; boundary="));
            Assert.That(body, Does.Contain("Content-Disposition: form-data; name=\"usage_file\"; filename=\"november.xlsx\"\r\n"));
            Assert.That(body, Does.Contain("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            Assert.That(body, Does.Contain("PK-workbook-bytes"));
            Assert.That(file.Status, Is.EqualTo(UsageFileStatus.Uploading));
            Assert.That(workbook.CanRead, Is.True, "the caller's stream stays open");
        });
        ConnectServer.AssertStandardHeaders(call);
    }

    [TestCase("a\"b.xlsx")]
    [TestCase("line\r\nbreak.xlsx")]
    [TestCase("n\u00e4me.xlsx")]
    public void UploadUsageFile_refuses_a_file_name_that_would_break_the_form_header(string fileName)
    {
        using var workbook = new MemoryStream([1]);
        Assert.That(() => client.UploadUsageFileAsync(FileId, workbook, fileName), Throws.ArgumentException);
        Assert.That(server.Received, Is.Empty);
    }

    [Test]
    public async Task UploadUsageFile_is_re_sent_whole_after_a_429()
    {
        server.GivenSequence(
            "POST",
            $"usage/files/{FileId}/upload",
            r => r.WithStatusCode(429).WithHeader("Retry-After", "0"),
            r => r.WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(UsagePayloads.Detail("processing")));
        using var workbook = new MemoryStream(Encoding.ASCII.GetBytes("PK-workbook-bytes"));

        var file = await client.UploadUsageFileAsync(FileId, workbook);

        Assert.Multiple(() =>
        {
            Assert.That(file.Status, Is.EqualTo(UsageFileStatus.Processing));
            Assert.That(server.Received, Has.Count.EqualTo(2));
            Assert.That(server.Received.Select(e => Encoding.ASCII.GetString(e.RequestMessage.BodyAsBytes ?? [])), Has.All.Contains("PK-workbook-bytes"));
        });
    }

    [TestCase("upload")]
    [TestCase("submit")]
    public void Upload_and_submit_are_not_re_sent_after_a_server_error(string action)
    {
        server.Given("POST", $"usage/files/{FileId}/{action}", 502, """{"error_code": "GEN_001", "errors": ["bad gateway"]}""");
        using var workbook = new MemoryStream([1, 2, 3]);

        var ex = Assert.ThrowsAsync<ConnectApiException>(() => action == "upload"
            ? client.UploadUsageFileAsync(FileId, workbook)
            : client.SubmitUsageFileAsync(FileId));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(502));
            Assert.That(server.Received, Has.Count.EqualTo(1), "a state change is never re-sent blindly");
        });
    }

    [TestCase("submit")]
    [TestCase("delete")]
    [TestCase("reprocess")]
    public async Task Actions_post_without_a_body_and_read_the_detail_answer(string action)
    {
        server.Given("POST", $"usage/files/{FileId}/{action}", body: UsagePayloads.Detail("pending"));

        var file = action switch
        {
            "submit" => await client.SubmitUsageFileAsync(FileId),
            "delete" => await client.DeleteUsageFileAsync(FileId),
            _ => await client.ReprocessUsageFileAsync(FileId),
        };

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo($"/public/v1/usage/files/{FileId}/{action}"));
            Assert.That(file.Status, Is.EqualTo(UsageFileStatus.Pending));
            Assert.That(file.Contract?.Id, Is.EqualTo("CRD-00000-00000-00000"));
        });
        ConnectServer.AssertNoBody(call);
    }

    [Test]
    public async Task GetUsageFile_reads_every_documented_field_and_tolerates_unknown_ones()
    {
        server.Given("GET", $"usage/files/{FileId}", body: UsagePayloads.Detail("archived-someday", "Row 3: unknown MPN"));

        var file = await client.GetUsageFileAsync(FileId);

        Assert.Multiple(() =>
        {
            Assert.That(file.Status.Value, Is.EqualTo("archived-someday"));
            Assert.That(file.ErrorDetail, Is.EqualTo("Row 3: unknown MPN"));
            Assert.That(file.Vendor, Is.EqualTo(new Reference { Id = "VA-000-000", Name = "Vendor" }));
            Assert.That(file.Product?.Id, Is.EqualTo("PRD-123-456-789"));
            Assert.That(file.Environment, Is.EqualTo(ConnectionType.Production));
            Assert.That(file.Period, Is.EqualTo(new UsageFilePeriod { From = "2026-11-01", To = "2026-11-30" }));
            Assert.That(file.Stats?.Uploaded, Is.EqualTo(2));
            Assert.That(file.Records?.Closed, Is.Null);
            Assert.That(file.ProcessedFileUri, Is.EqualTo("/files/uf-processed.xlsx"));
        });
    }

    [Test]
    public async Task ListUsageFiles_sends_the_query_as_rql()
    {
        server.Given("GET", "usage/files", body: "[" + UsagePayloads.Detail("draft") + "]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/1" });

        var files = await client.ListUsageFilesAsync(new UsageFileQuery
        {
            ProductIds = ["PRD-123-456-789"],
            ExternalIds = ["usage-PRD-1-CRD-1-2026-11"],
            Statuses = [UsageFileStatus.Draft, UsageFileStatus.Ready],
        }).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(files.Single().Status, Is.EqualTo(UsageFileStatus.Draft));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/usage/files"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo(
                "?and(in(product.id,(PRD-123-456-789)),in(external_id,(usage-PRD-1-CRD-1-2026-11)),in(status,(draft,ready)))&limit=100&offset=0"));
        });
    }

    [Test]
    public async Task ListAssets_filters_by_product_connection_type_and_status()
    {
        server.Given("GET", "assets", body: "[" + Fixtures.Read("asset_active.python-sdk.json") + "]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/1" });

        var assets = await client.ListAssetsAsync(AssetQuery.ForProduct("PRD-123-456-789", [ConnectionType.Production], [AssetStatus.Active, AssetStatus.Suspended])).ToListAsync();

        var call = server.Single();
        Assert.Multiple(() =>
        {
            Assert.That(assets, Has.Count.EqualTo(1));
            Assert.That(call.RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/assets"));
            Assert.That(call.RequestMessage.RawQuery, Is.EqualTo(
                "?and(in(product.id,(PRD-123-456-789)),in(connection.type,(production)),in(status,(active,suspended)))&limit=100&offset=0"));
        });
    }

    [Test]
    public async Task GetAssetsPage_reports_the_total()
    {
        server.Given("GET", "assets", body: "[]", headers: new Dictionary<string, string> { ["Content-Range"] = "items 0-0/0" });

        var page = await client.GetAssetsPageAsync(null, 0, 10);

        Assert.Multiple(() =>
        {
            Assert.That(page.Total, Is.EqualTo(0));
            Assert.That(server.Single().RequestMessage.RawQuery, Is.EqualTo("?limit=10&offset=0"));
        });
    }

    [Test]
    public async Task GetProduct_reads_the_ppu_schema_whatever_its_case()
    {
        server.Given("GET", "products/PRD-123-456-789", body: UsagePayloads.PpuProduct);

        var product = await client.GetProductAsync("PRD-123-456-789");

        Assert.Multiple(() =>
        {
            Assert.That(server.Single().RequestMessage.AbsolutePath, Is.EqualTo("/public/v1/products/PRD-123-456-789"));
            Assert.That(product.Capabilities?.Ppu?.Schema, Is.EqualTo(UsageSchema.Quantity));
            Assert.That(product.Capabilities?.Ppu?.Schema, Is.EqualTo(UsageSchema.From("qt")));
            Assert.That(product.Capabilities?.Ppu?.Late, Is.True);
            Assert.That(product.Capabilities?.Ppu?.RequiredCustomFields, Is.Empty);
        });
    }

    [Test]
    public async Task GetProduct_without_capabilities_reads_as_no_ppu()
    {
        server.Given("GET", "products/PRD-1", body: """{"id": "PRD-1", "capabilities": null}""");

        var product = await client.GetProductAsync("PRD-1");

        Assert.That(product.Capabilities?.Ppu, Is.Null);
    }
}
