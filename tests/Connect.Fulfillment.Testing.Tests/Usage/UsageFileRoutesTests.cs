using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary>The usage file routes and their state machine, over plain HTTP.</summary>
public class UsageFileRoutesTests : UsageSandboxTestBase
{
    [Test]
    public async Task Create_answers_201_in_the_create_shape_and_stores_a_draft()
    {
        var (status, body, _) = await PostAsync("usage/files", NewFile());

        Assert.That(status, Is.EqualTo(201));
        var id = (string)body!["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match(@"^UF-\d{4}-\d{2}-\d{4}-\d{4}$"));
            Assert.That(body["status"], Is.Null, "the spec's UsageFileCreate has no status");
            Assert.That((string?)body["product_id"], Is.EqualTo(Product));
            Assert.That((string?)body["distribution_contract"], Is.EqualTo(Contract));
            Assert.That((string?)body["schema"], Is.EqualTo("qt"));
            Assert.That((string?)body["environment"], Is.EqualTo("production"));
            Assert.That((string?)body["start_datetime_utc"], Is.EqualTo("2026-11-01T00:00:00+00:00"));
            Assert.That((string?)body["end_datetime_utc"], Is.EqualTo("2026-11-30T23:59:59+00:00"));
        });

        var (getStatus, file, _) = await GetAsync($"usage/files/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(getStatus, Is.EqualTo(200));
            Assert.That((string?)file!["status"], Is.EqualTo("draft"));
            Assert.That((string?)file["external_id"], Is.EqualTo("usage-2026-11"));
            Assert.That((string?)file["currency"], Is.EqualTo("EUR"));
            Assert.That((string?)file["period"]!["from"], Is.EqualTo("2026-11-01"));
            Assert.That((string?)file["period"]!["to"], Is.EqualTo("2026-11-30"));
            Assert.That((string?)file["product"]!["id"], Is.EqualTo(Product));
            Assert.That((string?)file["product"]!["name"], Is.EqualTo("Cloud Compute"));
            Assert.That((string?)file["contract"]!["id"], Is.EqualTo(Contract));
            Assert.That((string?)file["vendor"]!["id"], Is.EqualTo("VA-000-000"));
            Assert.That((int?)file["records"]!["valid"], Is.EqualTo(0));
            Assert.That(Sandbox.UsageFiles.Count, Is.EqualTo(1));
            Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo("draft"));
        });
    }

    [Test]
    public async Task Create_without_currency_takes_the_default()
    {
        var (status, body, _) = await PostAsync("usage/files", """{"name": "n", "period": {"from": "2026-11-01", "to": "2026-11-30"}, "product": {"id": "PRD-100-000-001"}, "contract": {"id": "CRD-9"}}""");

        Assert.That(status, Is.EqualTo(201));
        Assert.That((string?)Sandbox.UsageFiles.Get((string)body!["id"]!)!["currency"], Is.EqualTo("USD"));
    }

    [TestCase("""{}""", "name: This field is required.")]
    [TestCase("""{"name": "n", "product": {"id": "PRD-100-000-001"}, "contract": {"id": "C"}}""", "period.from: This field is required.")]
    [TestCase("""{"name": "n", "period": {"from": "2026-11-01", "to": "30.11.2026"}, "product": {"id": "PRD-100-000-001"}, "contract": {"id": "C"}}""", "period.to: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")]
    [TestCase("""{"name": "n", "period": {"from": "2026-11-30", "to": "2026-11-01"}, "product": {"id": "PRD-100-000-001"}, "contract": {"id": "C"}}""", "period: to must not be before from.")]
    [TestCase("""{"name": "n", "period": {"from": "2026-11-01", "to": "2026-11-30"}, "product": {"id": "PRD-100-000-001"}}""", "contract.id: This field is required.")]
    [TestCase("""{"name": "n", "period": {"from": "2026-11-01", "to": "2026-11-30"}, "contract": {"id": "C"}}""", "product.id: This field is required.")]
    [TestCase("""{"name": "n", "period": {"from": "2026-11-01", "to": "2026-11-30"}, "product": {"id": "PRD-404"}, "contract": {"id": "C"}}""", "product: Product PRD-404 not found.")]
    [TestCase("""{"name": "", "period": {"from": "2026-11-01", "to": "2026-11-30"}, "product": {"id": "PRD-100-000-001"}, "contract": {"id": "C"}}""", "name: Not a valid string.")]
    [TestCase("""{"name": 5, "period": {"from": "2026-11-01", "to": "2026-11-30"}, "product": {"id": "PRD-100-000-001"}, "contract": {"id": "C"}}""", "name: Not a valid string.")]
    public async Task Create_validates_the_body(string json, string error)
    {
        var (status, body, _) = await PostAsync("usage/files", json);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(ErrorCode(body), Is.EqualTo("VAL_001"));
            Assert.That(body!["errors"]!.AsArray().Select(e => (string?)e), Does.Contain(error));
            Assert.That(Sandbox.UsageFiles.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Create_refuses_a_product_without_the_pay_as_you_go_capability()
    {
        Sandbox.Products.Add("PRD-300-000-003");

        var (status, body, _) = await PostAsync("usage/files", NewFile(product: "PRD-300-000-003"));

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["errors"]![0], Is.EqualTo("product: Product PRD-300-000-003 has no pay-as-you-go capability."));
    }

    [Test]
    public async Task Create_refuses_a_name_over_100_characters()
    {
        var (status, body, _) = await PostAsync("usage/files", new
        {
            name = new string('n', 101),
            period = new { from = "2026-11-01", to = "2026-11-30" },
            product = new { id = Product },
            contract = new { id = "C" },
        });

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["errors"]![0], Is.EqualTo("name: Ensure this field has no more than 100 characters."));
    }

    [Test]
    public async Task List_filters_with_rql_and_pages()
    {
        var first = await CreateFileAsync("usage-a");
        await CreateFileAsync("usage-b");
        await CreateFileAsync("usage-c", contract: "CRD-00000-00000-00002");
        await UploadAsync(first, ValidWorkbook());

        var (status, byExternal, response) = await GetAsync($"usage/files?and(eq(product.id,{Product}),eq(external_id,usage-b))");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(byExternal!.AsArray().Select(f => (string?)f!["external_id"]), Is.EqualTo(new[] { "usage-b" }));
            Assert.That(ContentRange(response), Is.EqualTo("items 0-0/1"));
        });

        var (_, byContract, _) = await GetAsync("usage/files?eq(contract.id,CRD-00000-00000-00002)");
        Assert.That(byContract!.AsArray().Select(f => (string?)f!["external_id"]), Is.EqualTo(new[] { "usage-c" }));

        var (_, byStatus, _) = await GetAsync("usage/files?in(status,(ready,pending))");
        Assert.That(byStatus!.AsArray().Select(f => (string?)f!["id"]), Is.EqualTo(new[] { first }));

        var (_, page, pageResponse) = await GetAsync("usage/files?limit=2&offset=2");
        Assert.That(page!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(ContentRange(pageResponse), Is.EqualTo("items 2-2/3"));

        var (badStatus, bad, _) = await GetAsync("usage/files?eq(status");
        Assert.That(badStatus, Is.EqualTo(400));
        Assert.That(ErrorCode(bad), Is.EqualTo("RQL_001"));
    }

    [Test]
    public async Task Unknown_files_answer_404()
    {
        foreach (var (method, path) in new[] { ("GET", ""), ("POST", "/submit"), ("POST", "/delete"), ("POST", "/reprocess") })
        {
            var (status, body, _) = await SendAsync(new HttpMethod(method), $"usage/files/UF-0000-00-0000-0000{path}");
            Assert.That(status, Is.EqualTo(404), path);
            Assert.That(ErrorCode(body), Is.EqualTo("NOT_FOUND"));
        }

        var (uploadStatus, _) = await UploadAsync("UF-0000-00-0000-0000", ValidWorkbook());
        Assert.That(uploadStatus, Is.EqualTo(404));
    }

    [Test]
    public async Task Upload_of_a_valid_workbook_makes_the_file_ready_with_counts_and_records()
    {
        var id = await CreateFileAsync();

        var (status, body) = await UploadAsync(id, ValidWorkbook());

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)body!["status"], Is.EqualTo("ready"));
            Assert.That((int?)body["stats"]!["uploaded"], Is.EqualTo(3));
            Assert.That((int?)body["stats"]!["validated"], Is.EqualTo(3));
            Assert.That((int?)body["records"]!["valid"], Is.EqualTo(3));
            Assert.That((int?)body["records"]!["invalid"], Is.EqualTo(0));
            Assert.That(body["error_detail"], Is.Null);
            Assert.That((string?)body["usage_file_uri"], Is.Not.Empty);
            Assert.That(body["events"]!["uploaded"], Is.Not.Null);
        });

        var records = Sandbox.UsageFiles.GetRecords(id);
        Assert.That(records.Select(r => (r.Row, r.RecordId, r.ItemMpn, r.Quantity, r.AssetId)), Is.EqualTo(new[]
        {
            (2, "R-1", "MPN-CPU", (decimal?)12.5m, Asset1),
            (3, "R-2", "MPN-RAM", (decimal?)3m, Asset1),
            (4, "R-3", "MPN-CPU", (decimal?)0m, Asset2),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(records[0].ItemId, Is.EqualTo("PRD-100-000-001-0001"));
            Assert.That(records[1].ItemId, Is.EqualTo("PRD-100-000-001-RAM"));
            Assert.That(records[1].StartTime, Is.EqualTo(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero)));
            Assert.That(records[1].EndTime, Is.EqualTo(new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero)));
            Assert.That(Sandbox.UsageFiles.GetErrors(id), Is.Empty);
        });
    }

    [Test]
    public async Task Submit_moves_a_ready_file_to_pending_once()
    {
        var id = await ReadyFileAsync();

        var (status, body, _) = await PostAsync($"usage/files/{id}/submit");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)body!["status"], Is.EqualTo("pending"));
            Assert.That((int?)body["stats"]!["pending"], Is.EqualTo(3));
            Assert.That(body["events"]!["submitted"], Is.Not.Null);
        });

        var (again, error, _) = await PostAsync($"usage/files/{id}/submit");
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(400));
            Assert.That(ErrorCode(error), Is.EqualTo("USG_001"));
            Assert.That((string?)error!["errors"]![0], Is.EqualTo($"Cannot submit usage file {id} in status pending; it must be ready."));
            Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo("pending"));
        });
    }

    [Test]
    public async Task Actions_in_the_wrong_status_answer_400_and_change_nothing()
    {
        var draft = await CreateFileAsync("usage-draft");
        var ready = await ReadyFileAsync("usage-ready");

        await AssertRefused("POST", $"usage/files/{draft}/submit", draft, "draft");
        await AssertRefused("POST", $"usage/files/{draft}/reprocess", draft, "draft");
        await AssertRefused("POST", $"usage/files/{ready}/reprocess", ready, "ready");
        var (uploadStatus, uploadBody) = await UploadAsync(ready, ValidWorkbook());
        Assert.That(uploadStatus, Is.EqualTo(400));
        Assert.That(ErrorCode(uploadBody), Is.EqualTo("USG_001"));

        await PostAsync($"usage/files/{ready}/submit");
        await AssertRefused("POST", $"usage/files/{ready}/delete", ready, "pending");
        Sandbox.UsageFiles.Accept(ready);
        await AssertRefused("POST", $"usage/files/{ready}/delete", ready, "accepted");
        await AssertRefused("POST", $"usage/files/{ready}/submit", ready, "accepted");
    }

    private async Task AssertRefused(string method, string path, string id, string status)
    {
        var (code, body, _) = await SendAsync(new HttpMethod(method), path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(400), path);
            Assert.That(ErrorCode(body), Is.EqualTo("USG_001"), path);
            Assert.That((string?)body!["errors"]![0], Does.Contain($"in status {status}"), path);
            Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo(status), path);
        });
    }

    [TestCase("draft")]
    [TestCase("ready")]
    [TestCase("invalid")]
    public async Task Delete_works_from_draft_ready_and_invalid(string from)
    {
        var id = await CreateFileAsync();
        if (from == "ready")
        {
            await UploadAsync(id, ValidWorkbook());
        }
        else if (from == "invalid")
        {
            await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-NOPE", 1, Asset1)]));
        }

        Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo(from));
        var (status, body, _) = await PostAsync($"usage/files/{id}/delete");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)body!["status"], Is.EqualTo("deleted"));
            Assert.That(body["events"]!["deleted"], Is.Not.Null);
        });
        var (_, listed, _) = await GetAsync("usage/files?eq(status,deleted)");
        Assert.That(listed!.AsArray(), Has.Count.EqualTo(1), "deleted files stay listed with their status");
    }

    [Test]
    public async Task Reprocess_checks_the_kept_workbook_again()
    {
        var id = await CreateFileAsync();
        var (_, invalid) = await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-GPU", 2, Asset1)]));
        Assert.That((string?)invalid!["status"], Is.EqualTo("invalid"));

        var (again, stillInvalid, _) = await PostAsync($"usage/files/{id}/reprocess");
        Assert.That(again, Is.EqualTo(200));
        Assert.That((string?)stillInvalid!["status"], Is.EqualTo("invalid"));

        // The provider adds the missing item; the same workbook now passes.
        Sandbox.Products.Add(Product, p => p.Name("Cloud Compute").PayAsYouGo().PayAsYouGoItem("MPN-CPU").PayAsYouGoItem("MPN-GPU"));
        var (status, body, _) = await PostAsync($"usage/files/{id}/reprocess");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)body!["status"], Is.EqualTo("ready"));
            Assert.That(body["error_detail"], Is.Null);
            Assert.That(Sandbox.UsageFiles.GetRecords(id).Single().ItemMpn, Is.EqualTo("MPN-GPU"));
        });
    }

    [Test]
    public async Task Processing_reads_hold_the_result_back()
    {
        Sandbox.UsageFiles.ProcessingReads = 2;
        var id = await CreateFileAsync();

        var (_, uploaded) = await UploadAsync(id, ValidWorkbook());
        Assert.That((string?)uploaded!["status"], Is.EqualTo("processing"));
        Assert.That((string?)(await GetAsync($"usage/files/{id}")).Body!["status"], Is.EqualTo("processing"));
        Assert.That((string?)(await GetAsync($"usage/files/{id}")).Body!["status"], Is.EqualTo("processing"));
        var (submitStatus, _, _) = await PostAsync($"usage/files/{id}/submit");
        Assert.That(submitStatus, Is.EqualTo(400), "a processing file cannot be submitted");
        Assert.That((string?)(await GetAsync($"usage/files/{id}")).Body!["status"], Is.EqualTo("ready"));
        Assert.That(() => Sandbox.UsageFiles.ProcessingReads = -1, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Upload_needs_the_usage_file_field()
    {
        var id = await CreateFileAsync();

        var (wrongField, body) = await UploadAsync(id, ValidWorkbook(), field: "file");
        Assert.That(wrongField, Is.EqualTo(400));
        Assert.That(ErrorCode(body), Is.EqualTo("VAL_001"));
        Assert.That((string?)body!["errors"]![0], Is.EqualTo("usage_file: No file was submitted."));

        var (json, jsonBody, _) = await PostAsync($"usage/files/{id}/upload", new { usage_file = "x" });
        Assert.That(json, Is.EqualTo(400));
        Assert.That(ErrorCode(jsonBody), Is.EqualTo("VAL_001"));

        var (empty, emptyBody) = await UploadAsync(id, []);
        Assert.That(empty, Is.EqualTo(400));
        Assert.That((string?)emptyBody!["errors"]![0], Is.EqualTo("usage_file: The submitted file is empty."));
        Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Injected_faults_apply_to_usage_routes()
    {
        var id = await ReadyFileAsync();
        var lost = Sandbox.Faults.Add(FaultRule.For("POST /usage/files/*/submit").LoseResponse().ForNextCalls(1));

        var (status, _, _) = await PostAsync($"usage/files/{id}/submit");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(500));
            Assert.That(lost.FiredCount, Is.EqualTo(1));
            Assert.That(Sandbox.UsageFiles.GetStatus(id), Is.EqualTo("pending"), "the submit was applied; only its answer was lost");
            Assert.That(Sandbox.CallLog.Entries.Last().StateChanged, Is.True);
        });

        Sandbox.Faults.Add(FaultRule.For("POST /usage/files").ServerError(503).ForNextCalls(1));
        var (created, _, _) = await PostAsync("usage/files", NewFile("usage-x"));
        Assert.That(created, Is.EqualTo(503));
        Assert.That(Sandbox.UsageFiles.Count, Is.EqualTo(1), "a 503 fault changes nothing");
    }

    [Test]
    public async Task Clear_state_removes_usage_files_and_items()
    {
        await CreateFileAsync();

        Sandbox.ClearState();

        Assert.That(Sandbox.UsageFiles.Count, Is.Zero);
        var (status, _, _) = await GetAsync($"products/{Product}/items");
        Assert.That(status, Is.EqualTo(404));
    }
}
