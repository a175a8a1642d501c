namespace Connect.Fulfillment.Usage.Tests;

/// <summary>Reruns of the same period in every file state, and lost answers on create, upload and submit.</summary>
public class UsageRerunTests : UsageConnectTestBase
{
    private static readonly string FilePath = $"usage/files/{UsageConnect.FileId}";

    [SetUp]
    public void SetUp()
    {
        Source.Records["AS-1"] = [new UsageRecord { Mpn = "MPN-CPU", Quantity = 4 }];
        Connect.GivenProduct();
        Connect.GivenAssets(UsageConnect.Asset("AS-1"));
    }

    [Test]
    public async Task A_draft_from_an_earlier_run_is_completed_without_a_second_file()
    {
        Connect.GivenFiles(UsageConnect.File("draft"));
        Connect.GivenHappyFileCalls();

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(report.Files.Single().Created, Is.False);
            Assert.That(Connect.Calls("POST", "/usage/files"), Is.Empty);
            Assert.That(Connect.Calls("POST", "/upload"), Has.Count.EqualTo(1));
            Assert.That(Connect.Calls("POST", "/submit"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_ready_file_is_submitted_without_a_new_upload()
    {
        Connect.GivenFiles(UsageConnect.File("ready"));
        Connect.GivenHappyFileCalls();

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/upload"), Is.Empty);
            Assert.That(Connect.Calls("POST", "/submit"), Has.Count.EqualTo(1));
            Assert.That(Source.Asked, Is.Empty, "the source is not read for a file whose workbook Connect already has");
        });
    }

    [TestCase("pending")]
    [TestCase("accepted")]
    [TestCase("closed")]
    [TestCase("rejected")]
    public async Task A_submitted_or_later_file_is_left_alone_and_reported(string status)
    {
        Connect.GivenFiles(UsageConnect.File(status));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.AlreadySubmitted));
            Assert.That(report.Files.Single().Status, Is.EqualTo(status));
            Assert.That(report.Files.Single().UsageFileId, Is.EqualTo(UsageConnect.FileId));
            Assert.That(report.SkippedCount, Is.EqualTo(1));
            Assert.That(Connect.Server.LogEntries.Where(e => e.RequestMessage.Method == "POST"), Is.Empty);
        });
    }

    [Test]
    public async Task An_invalid_file_is_reported_with_Connects_errors()
    {
        Connect.GivenFiles(UsageConnect.File("invalid", "Row 2: asset AS-1 not found"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Invalid));
            Assert.That(report.Files.Single().Errors.Single(), Does.Contain("invalid: Row 2: asset AS-1 not found"));
            Assert.That(Connect.Server.LogEntries.Where(e => e.RequestMessage.Method == "POST"), Is.Empty);
        });
    }

    [Test]
    public async Task A_file_still_processing_past_the_timeout_is_left_for_the_next_run()
    {
        Connect.GivenFiles(UsageConnect.File("processing"));
        Connect.Json("GET", FilePath, UsageConnect.File("processing"));

        var report = await UsageConnect.Reporter(Client, Source, o => o.ProcessingTimeout = TimeSpan.Zero).ReportAsync(November);

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Processing));
            Assert.That(report.Succeeded, Is.True);
            Assert.That(Connect.Server.LogEntries.Where(e => e.RequestMessage.Method == "POST"), Is.Empty);
        });
    }

    [Test]
    public async Task A_deleted_file_does_not_count_and_the_month_is_filed_again()
    {
        Connect.GivenFiles(UsageConnect.File("deleted", id: "UF-OLD"));
        Connect.GivenHappyFileCalls();

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/usage/files"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Two_files_with_the_same_external_id_are_reported_not_added_to()
    {
        Connect.GivenFiles(UsageConnect.File("draft", id: "UF-A"), UsageConnect.File("ready", id: "UF-B"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
            Assert.That(report.Files.Single().Errors.Single(), Does.Contain("(UF-A, UF-B)"));
            Assert.That(Connect.Server.LogEntries.Where(e => e.RequestMessage.Method == "POST"), Is.Empty);
        });
    }

    [Test]
    public async Task A_lost_create_answer_finds_the_file_by_external_id_instead_of_creating_another()
    {
        Connect.Sequence("GET", "usage/files", UsageConnect.List(), UsageConnect.List(UsageConnect.File("draft")));
        Connect.Json("POST", "usage/files", """{"errors": ["upstream timeout"]}""", 504);
        Connect.Json("POST", $"{FilePath}/upload", UsageConnect.File("ready"));
        Connect.Json("POST", $"{FilePath}/submit", UsageConnect.File("pending"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/usage/files"), Has.Count.EqualTo(1));
            Assert.That(Connect.Calls("POST", "/upload"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_lost_upload_answer_is_reconciled_by_reading_the_file_and_not_re_uploaded()
    {
        Connect.GivenFiles(UsageConnect.File("draft"));
        Connect.Json("POST", $"{FilePath}/upload", """{"errors": ["bad gateway"]}""", 502);
        Connect.Json("GET", FilePath, UsageConnect.File("ready"));
        Connect.Json("POST", $"{FilePath}/submit", UsageConnect.File("pending"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/upload"), Has.Count.EqualTo(1));
            Assert.That(Connect.Calls("GET", FilePath), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_lost_upload_that_left_a_draft_is_uploaded_once_more()
    {
        Connect.GivenFiles(UsageConnect.File("draft"));
        Connect.Sequence("POST", $"{FilePath}/upload", UsageConnect.Answer("""{"errors": ["bad gateway"]}""", 502), UsageConnect.Answer(UsageConnect.File("ready")));
        Connect.Json("GET", FilePath, UsageConnect.File("draft"));
        Connect.Json("POST", $"{FilePath}/submit", UsageConnect.File("pending"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/upload"), Has.Count.EqualTo(2));
            var bodies = Connect.Calls("POST", "/upload").Select(c => WorkbookReader.FilePart(c.RequestMessage.BodyAsBytes!)).ToList();
            Assert.That(bodies[1], Is.EqualTo(bodies[0]), "the same workbook, read again from its start");
        });
    }

    [Test]
    public async Task A_lost_submit_answer_is_reconciled_by_reading_the_file_and_not_re_submitted()
    {
        Connect.GivenFiles(UsageConnect.File("ready"));
        Connect.Json("POST", $"{FilePath}/submit", """{"errors": ["bad gateway"]}""", 502);
        Connect.Json("GET", FilePath, UsageConnect.File("pending"));

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(Connect.Calls("POST", "/submit"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_submit_refused_by_Connect_is_reported_with_its_errors()
    {
        Connect.GivenFiles(UsageConnect.File("ready"));
        Connect.Json("POST", $"{FilePath}/submit", """{"error_code": "UF_004", "errors": ["Usage file cannot be submitted."]}""", 400);

        var report = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(report.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Failed));
            Assert.That(report.Files.Single().Errors, Does.Contain("Usage file cannot be submitted."));
            Assert.That(Connect.Calls("POST", "/submit"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Running_the_same_month_twice_creates_one_file()
    {
        Connect.Sequence("GET", "usage/files", UsageConnect.List(), UsageConnect.List(UsageConnect.File("pending")));
        Connect.GivenHappyFileCalls();

        var first = await Report();
        var second = await Report();

        Assert.Multiple(() =>
        {
            Assert.That(first.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.Submitted));
            Assert.That(second.Files.Single().Kind, Is.EqualTo(UsageFileOutcomeKind.AlreadySubmitted));
            Assert.That(Connect.Calls("POST", "/usage/files"), Has.Count.EqualTo(1));
        });
    }

    private Task<UsageReport> Report() => UsageConnect.Reporter(Client, Source).ReportAsync(November);
}
