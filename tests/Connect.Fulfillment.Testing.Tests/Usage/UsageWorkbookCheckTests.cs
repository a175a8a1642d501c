namespace Connect.Fulfillment.Testing.Tests.Usage;

/// <summary>Uploaded workbooks are checked like Connect checks them: sheet, columns, then every row.</summary>
public class UsageWorkbookCheckTests : UsageSandboxTestBase
{
    private static IEnumerable<TestCaseData> BadRows()
    {
        yield return Case("negative quantity", TestWorkbook.Row("R-1", "MPN-CPU", -1, Asset1), "Row 2: quantity -1 is negative.");
        yield return Case("quantity not a number", TestWorkbook.Row("R-1", "MPN-CPU", "lots", Asset1), "Row 2: quantity \"lots\" is not a number.");
        yield return Case("empty quantity", TestWorkbook.Row("R-1", "MPN-CPU", null, Asset1), "Row 2: quantity is empty.");
        yield return Case("bad date", TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1, start: "01/11/2026"), "Row 2: start_time_utc \"01/11/2026\" is not a date and time in the form YYYY-MM-DD HH:MM:SS.");
        yield return Case("date before the period", TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1, start: "2026-10-31 23:59:59"), "Row 2: start_time_utc 2026-10-31 23:59:59 is outside the period 2026-11-01 to 2026-11-30.");
        yield return Case("date after the period", TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1, end: "2026-12-01 00:00:00"), "Row 2: end_time_utc 2026-12-01 00:00:00 is outside the period 2026-11-01 to 2026-11-30.");
        yield return Case("end before start", TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1, start: "2026-11-05 00:00:00", end: "2026-11-04 00:00:00"), "Row 2: end_time_utc is before start_time_utc.");
        yield return Case("unknown MPN", TestWorkbook.Row("R-1", "MPN-GPU", 1, Asset1), $"Row 2: item.mpn \"MPN-GPU\" is not a pay-as-you-go item of product {Product}.");
        yield return Case("MPN of another product", TestWorkbook.Row("R-1", "MPN-DISK", 1, Asset1), $"Row 2: item.mpn \"MPN-DISK\" is not a pay-as-you-go item of product {Product}.");
        yield return Case("unknown asset", TestWorkbook.Row("R-1", "MPN-CPU", 1, "AS-404"), "Row 2: no asset found by asset.id \"AS-404\".");
        yield return Case("asset of another product", TestWorkbook.Row("R-1", "MPN-CPU", 1, OtherAsset), $"Row 2: asset {OtherAsset} belongs to product {OtherProduct}, not {Product}.");
        yield return Case("empty record id", TestWorkbook.Row(null!, "MPN-CPU", 1, Asset1), "Row 2: record_id is empty.");
    }

    private static TestCaseData Case(string name, object?[] row, string error) => new TestCaseData(row, error).SetName("Bad row: " + name);

    [TestCaseSource(nameof(BadRows))]
    public async Task A_bad_row_makes_the_file_invalid_with_the_row_and_reason(object?[] row, string error)
    {
        var id = await CreateFileAsync();

        var (status, body) = await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-OK", "MPN-CPU", 1, Asset1), row]));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That((string?)body!["status"], Is.EqualTo("invalid"));
            Assert.That(Sandbox.UsageFiles.GetErrors(id), Is.EqualTo(new[] { error.Replace("Row 2", "Row 3", StringComparison.Ordinal) }));
            Assert.That((string?)body["error_detail"], Does.StartWith("1 of 2 records are invalid. Row 3: "));
            Assert.That((int?)body["records"]!["valid"], Is.EqualTo(1));
            Assert.That((int?)body["records"]!["invalid"], Is.EqualTo(1));
            Assert.That(Sandbox.UsageFiles.GetRecords(id).Select(r => r.RecordId), Is.EqualTo(new[] { "R-OK" }));
        });
    }

    [Test]
    public async Task A_missing_sheet_makes_the_file_invalid()
    {
        var id = await CreateFileAsync();

        var (_, body) = await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1)], sheetName: "Sheet1"));

        Assert.That((string?)body!["status"], Is.EqualTo("invalid"));
        Assert.That((string?)body["error_detail"], Is.EqualTo("The workbook has no sheet named usage_records."));
        Assert.That((int?)body["stats"]!["uploaded"], Is.EqualTo(0));
    }

    [Test]
    public async Task A_missing_column_makes_the_file_invalid()
    {
        var id = await CreateFileAsync();
        var header = TestWorkbook.Header.Where(c => c != "quantity").ToArray();

        var (_, body) = await UploadAsync(id, TestWorkbook.Create([["R-1", null, "item.mpn", "MPN-CPU"]], header: header));

        Assert.That((string?)body!["status"], Is.EqualTo("invalid"));
        Assert.That((string?)body["error_detail"], Is.EqualTo("The sheet usage_records lacks the column(s) quantity that the QT schema requires."));
    }

    [Test]
    public async Task A_file_that_is_not_a_workbook_is_invalid()
    {
        var id = await CreateFileAsync();

        var (_, body) = await UploadAsync(id, "record_id,quantity\nR-1,1\n"u8.ToArray());

        Assert.That((string?)body!["status"], Is.EqualTo("invalid"));
        Assert.That((string?)body["error_detail"], Is.EqualTo("The file is not a readable Excel workbook (.xlsx)."));
    }

    [Test]
    public async Task A_sheet_without_records_is_invalid()
    {
        var id = await CreateFileAsync();

        var (_, body) = await UploadAsync(id, TestWorkbook.Create([]));

        Assert.That((string?)body!["error_detail"], Is.EqualTo("The sheet usage_records has no records."));
    }

    [Test]
    public async Task Repeated_record_ids_are_invalid()
    {
        var id = await CreateFileAsync();

        var (_, body) = await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-CPU", 1, Asset1), TestWorkbook.Row("R-1", "MPN-RAM", 1, Asset1)]));

        Assert.That((string?)body!["status"], Is.EqualTo("invalid"));
        Assert.That(Sandbox.UsageFiles.GetErrors(id), Is.EqualTo(new[] { "Row 3: record_id \"R-1\" repeats row 2." }));
    }

    [Test]
    public async Task Every_problem_is_kept_and_error_detail_stays_within_200_characters()
    {
        var id = await CreateFileAsync();
        var rows = Enumerable.Range(1, 30).Select(i => TestWorkbook.Row($"R-{i}", "MPN-CPU", -i, Asset1)).ToList();

        var (_, body) = await UploadAsync(id, TestWorkbook.Create(rows));

        Assert.That(Sandbox.UsageFiles.GetErrors(id), Has.Count.EqualTo(30));
        Assert.That(((string?)body!["error_detail"])!.Length, Is.LessThanOrEqualTo(200));
        Assert.That((string?)body["error_detail"], Does.StartWith("30 of 30 records are invalid. Row 2: quantity -1 is negative."));
    }

    [Test]
    public async Task Shared_strings_local_ids_and_parameter_search_are_understood()
    {
        var id = await CreateFileAsync();
        object?[] byParameter = ["R-1", "note", "item.local_id", "PRD-100-000-001-RAM", null, 2.25m, "2026-11-01T00:00:00", "2026-11-30T23:59:59", "parameter.subscription_id", "SUB-2"];

        var (_, body) = await UploadAsync(id, TestWorkbook.Create([byParameter], sharedStrings: true));

        Assert.That((string?)body!["status"], Is.EqualTo("ready"), string.Join(" ", Sandbox.UsageFiles.GetErrors(id)));
        var record = Sandbox.UsageFiles.GetRecords(id).Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.AssetId, Is.EqualTo(Asset2));
            Assert.That(record.ItemMpn, Is.EqualTo("MPN-RAM"));
            Assert.That(record.Quantity, Is.EqualTo(2.25m));
            Assert.That(record.Note, Is.EqualTo("note"));
        });
    }

    [Test]
    public async Task An_asset_under_another_contract_is_invalid()
    {
        Sandbox.Assets.Add(a => a.Id("AS-100-000-009").Product(Product).Contract("CRD-00000-00000-00009").Item("MPN-CPU"));
        var id = await CreateFileAsync();

        await UploadAsync(id, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-CPU", 1, "AS-100-000-009")]));

        Assert.That(Sandbox.UsageFiles.GetErrors(id), Is.EqualTo(new[] { $"Row 2: asset AS-100-000-009 is under contract CRD-00000-00000-00009, not {Contract}." }));
    }

    [Test]
    public async Task The_tiered_schema_needs_a_tier_and_the_price_schema_an_amount()
    {
        Sandbox.Products.Add("PRD-400-000-004", p => p.PayAsYouGo("tr").PayAsYouGoItem("MPN-T"));
        Sandbox.Products.Add("PRD-500-000-005", p => p.PayAsYouGo("PR").PayAsYouGoItem("MPN-P"));
        Sandbox.Assets.Add(a => a.Id("AS-400").Product("PRD-400-000-004").Contract(Contract).Item("MPN-T"));
        Sandbox.Assets.Add(a => a.Id("AS-500").Product("PRD-500-000-005").Contract(Contract).Item("MPN-P"));
        var (_, tiered, _) = await PostAsync("usage/files", NewFile("tr", product: "PRD-400-000-004"));
        var (_, priced, _) = await PostAsync("usage/files", NewFile("pr", product: "PRD-500-000-005"));
        var tieredId = (string)tiered!["id"]!;
        var pricedId = (string)priced!["id"]!;
        Assert.That(Sandbox.UsageFiles.Get(tieredId)!["schema"]!.GetValue<string>(), Is.EqualTo("tr"));

        await UploadAsync(tieredId, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-T", 1, "AS-400")]));
        await UploadAsync(pricedId, TestWorkbook.Create([TestWorkbook.Row("R-1", "MPN-P", 1, "AS-500")]));
        Assert.That(Sandbox.UsageFiles.GetErrors(tieredId), Is.EqualTo(new[] { "Row 2: tier is empty." }));
        Assert.That(Sandbox.UsageFiles.GetErrors(pricedId), Is.EqualTo(new[] { "Row 2: amount is empty." }));

        var withTier = TestWorkbook.Row("R-1", "MPN-T", 1, "AS-400");
        withTier[15] = 2;
        var again = (string)(await PostAsync("usage/files", NewFile("tr-2", product: "PRD-400-000-004"))).Body!["id"]!;
        var (_, ready) = await UploadAsync(again, TestWorkbook.Create([withTier]));
        Assert.That((string?)ready!["status"], Is.EqualTo("ready"));
        Assert.That(Sandbox.UsageFiles.GetRecords(again).Single().Tier, Is.EqualTo(2));
    }
}
