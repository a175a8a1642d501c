using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The usage mode's reports of what it could not file: rejected records with their reasons, subscriptions without a
/// usable vendor id, and our vendor credentials refused; against a sandbox and a vendor started here.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class UsageModeRecordTests
{
    private const string ProductId = "PRD-200-300-400";
    private const string VendorSecret = "vendor-usage-secret-5c1d9e";

    [Test]
    public async Task Bad_records_and_unusable_subscription_ids_are_reported_and_held_back_while_the_rest_is_filed()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 16 });
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        sandbox.Products.Add(ProductId, p => p.Name("Metered").PayAsYouGo().PayAsYouGoItem("MPN-A").PayAsYouGoItem("MPN-B"));
        void Asset(string id, string contract, string? subscriptionId) => sandbox.Assets.Add(a =>
        {
            a.Id(id).Product(ProductId).Status("active").Environment("preview").Contract(contract).Item("MPN-A").Item("MPN-B");
            if (subscriptionId is not null)
            {
                a.Parameter("subscription_id", "fulfillment", subscriptionId);
            }
        });
        Asset("AS-0001-0001-0001", "CRD-00000-00000-00001", "SUB-1");
        vendor.SetUsage("SUB-1", [new VendorUsage("MPN-A", 5), new VendorUsage("MPN-X", 2), new VendorUsage("MPN-B", -1.5m)]);
        Asset("AS-0001-0001-0002", "CRD-00000-00000-00002", null);
        Asset("AS-0001-0001-0003", "CRD-00000-00000-00003", "../admin\u001b[31m");
        Asset("AS-0001-0001-0004", "CRD-00000-00000-00004", "SUB-4");
        vendor.SetUsage("SUB-4", [new VendorUsage("MPN-B", 12.5m)]);

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox, vendor), "usage", "--Usage:Period=2026-10");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.StdoutLines.TakeLast(5), Is.EqualTo(new[]
        {
            "files created: 1", "files submitted: 1", "files skipped: 0", "files failed: 3", "records rejected: 2",
        }), result.ToString());
        string Line(string contract) => result.StdoutLines.Single(l => l.StartsWith($"usage-{ProductId}-{contract}-2026-10", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Line("CRD-00000-00000-00001"), Does.EndWith(": held back: 2 record(s) were rejected (see the report's rejected records); nothing was uploaded. Fix the usage source and run again."));
            Assert.That(result.StdoutLines, Does.Contain("rejected AS-0001-0001-0001 MPN-X 2: item MPN \"MPN-X\" is not an item of asset AS-0001-0001-0001"));
            Assert.That(result.StdoutLines, Does.Contain("rejected AS-0001-0001-0001 MPN-B -1.5: quantity -1.5 is negative"));
            Assert.That(Line("CRD-00000-00000-00002"), Does.EndWith(
                ": failed: the usage source failed for asset AS-0001-0001-0002: the fulfillment parameter 'subscription_id' holding the vendor subscription id is missing or empty, so its usage cannot be read"));
            Assert.That(Line("CRD-00000-00000-00003"), Does.Contain("'../admin\\u001B[31m' in 'subscription_id' is not a vendor subscription id").And.EndWith("it was not sent to the vendor"));
            Assert.That(Line("CRD-00000-00000-00004"), Does.Match(@" UF-\S+: submitted \(created, 1 records, status pending\)$"));
            // Ordinal: a culture-aware search ignores control characters and would find ESC anywhere.
            Assert.That(result.Stdout.Contains('\u001b', StringComparison.Ordinal), Is.False, "remote text is escaped");
            Assert.That(vendor.Calls.Select(c => c.Path), Is.EquivalentTo(new[] { "/subscriptions/SUB-1/usage", "/subscriptions/SUB-4/usage" }));
            Assert.That(result.StderrLines, Has.Some.StartsWith("error: 3 usage file(s) need attention and 2 record(s) were rejected"));
        });
    }

    [Test]
    public async Task Our_vendor_key_refused_holds_the_file_back_and_exits_5_without_printing_the_key()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 17 });
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        OneSubscription(sandbox, vendor, quantity: 1);
        var environment = Environment(sandbox, vendor);
        environment["Vendor__ApiKey"] = "wrong-vendor-key-0a9b8c";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment, "usage", "--Usage:Period=2026-10");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdoutLines, Has.Some.Contains("the vendor refused our credentials (HTTP 401) reading the usage of subscription 'SUB-1': check Vendor:ApiKey"));
        Assert.That(result.StderrLines, Has.Some.StartsWith("error: the vendor refused our credentials (HTTP 401) on 1 usage calls"));
        Assert.That(result.ToString(), Does.Not.Contain("wrong-vendor-key-0a9b8c").And.Not.Contain(sandbox.ApiKey));
        Assert.That(sandbox.UsageFiles.Count, Is.Zero);
    }

    [Test]
    public async Task Vendor_answers_are_retried_masked_and_reported_per_contract()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 18 });
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        sandbox.Products.Add(ProductId, p => p.Name("Metered").PayAsYouGo().PayAsYouGoItem("MPN-A"));
        void Asset(string contract, string subscriptionId) => sandbox.Assets.Add(a => a
            .Product(ProductId).Status("active").Environment("preview").Contract(contract)
            .Parameter("subscription_id", "fulfillment", subscriptionId).Item("MPN-A"));
        Asset("CRD-00000-00000-00001", "SUB-1");
        vendor.SetUsage("SUB-1", [new VendorUsage("MPN-A", 3)]);
        vendor.SetBehavior("SUB-1", VendorBehavior.Failure(503, times: 1));
        Asset("CRD-00000-00000-00002", "SUB-2");
        vendor.SetUsage("SUB-2", [new VendorUsage("MPN-A", 3)]);
        vendor.SetBehavior("SUB-2", VendorBehavior.Rejected($"Token Bearer {VendorSecret} may not read usage."));
        Asset("CRD-00000-00000-00003", "SUB-3");

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox, vendor), "usage", "--Usage:Period=2026-10");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        string Line(string contract) => result.StdoutLines.Single(l => l.StartsWith($"usage-{ProductId}-{contract}-2026-10", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            // 503 once: retried by the vendor client, then filed.
            Assert.That(vendor.Calls.Where(c => c.Path == "/subscriptions/SUB-1/usage").Select(c => c.StatusCode), Is.EqualTo(new[] { 503, 200 }));
            Assert.That(Line("CRD-00000-00000-00001"), Does.Match(@" UF-\S+: submitted \(created, 1 records, status pending\)$"));

            // A refusal echoing our key: reported with the key masked, not retried.
            Assert.That(vendor.Calls.Count(c => c.Path == "/subscriptions/SUB-2/usage"), Is.EqualTo(1));
            Assert.That(Line("CRD-00000-00000-00002"), Does.Contain("the vendor refused the usage of subscription 'SUB-2' (HTTP ").And.Contain("Token Bearer *** may not read usage."));

            // 404: the subscription is named.
            Assert.That(Line("CRD-00000-00000-00003"), Does.Contain("the vendor has no subscription 'SUB-3'"));
            Assert.That(result.ToString(), Does.Not.Contain(VendorSecret));
        });
    }

    [Test]
    public async Task Connect_unreachable_exits_4_and_a_refused_connect_key_exits_3_each_with_one_line()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 19 });
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        sandbox.Products.Add(ProductId, p => p.Name("Metered").PayAsYouGo().PayAsYouGoItem("MPN-A"));
        var unreachable = Environment(sandbox, vendor);
        unreachable["Connect__Endpoint"] = $"http://127.0.0.1:{Scenario.ClosedPort()}/public/v1";
        var refused = Environment(sandbox, vendor);
        refused["Connect__ApiKey"] = "ApiKey SU-000-000-000:wrong-connect-key-77aa";

        var down = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, unreachable, "usage", "--Usage:Period=2026-10");
        var denied = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, refused, "usage", "--Usage:Period=2026-10");

        Assert.Multiple(() =>
        {
            Assert.That(down.ExitCode, Is.EqualTo(4), down.ToString());
            Assert.That(down.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1).StartsWith("error: Connect could not be reached; no usage was reported"), down.ToString());
            Assert.That(denied.ExitCode, Is.EqualTo(3), denied.ToString());
            Assert.That(denied.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1).Contains("Connect:ApiKey"), denied.ToString());
            Assert.That(denied.ToString(), Does.Not.Contain("wrong-connect-key-77aa"));
            Assert.That(vendor.Calls, Is.Empty, "the vendor is not asked when Connect cannot take the usage");
            Assert.That(sandbox.UsageFiles.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Connect_failing_part_way_exits_4_and_names_the_files_it_left_for_the_next_run()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new ConnectSandboxOptions { Seed = 20 });
        await using var vendor = await FakeVendorServer.StartAsync(new FakeVendorServerOptions { ApiKey = VendorSecret });
        OneSubscription(sandbox, vendor, quantity: 2);
        var submits = sandbox.Faults.Add(FaultRule.For("POST /usage/files/*/submit").ServerError(503));

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, Environment(sandbox, vendor), "usage", "--Usage:Period=2026-10");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
            Assert.That(submits.FiredCount, Is.EqualTo(2), "the submit was re-sent once after the file was re-read, then given up");
            Assert.That(result.StdoutLines, Has.Exactly(1).Match($@"^usage-{ProductId}-CRD-00000-00000-00001-2026-10 UF-\S+: failed: "), result.ToString());
            Assert.That(result.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1).StartsWith("error: Connect answered HTTP 503 SYS_001; the files marked failed above were not reported"), result.ToString());
            Assert.That(result.StdoutLines, Has.Member("files failed: 1"));
            Assert.That(sandbox.UsageFiles.Count, Is.EqualTo(1), "the file made before the failure is found again by the next run");
        });
    }

    /// <summary>The metered product with one active subscription (SUB-1, contract 1) and its usage at the vendor.</summary>
    private static void OneSubscription(ConnectSandbox sandbox, FakeVendorServer vendor, decimal quantity)
    {
        sandbox.Products.Add(ProductId, p => p.Name("Metered").PayAsYouGo().PayAsYouGoItem("MPN-A"));
        sandbox.Assets.Add(a => a.Product(ProductId).Status("active").Environment("preview").Contract("CRD-00000-00000-00001")
            .Parameter("subscription_id", "fulfillment", "SUB-1").Item("MPN-A"));
        vendor.SetUsage("SUB-1", [new VendorUsage("MPN-A", quantity)]);
    }

    private static Dictionary<string, string?> Environment(ConnectSandbox sandbox, FakeVendorServer vendor) => new()
    {
        ["Connect__Endpoint"] = sandbox.BaseUrl.ToString(),
        ["Connect__ApiKey"] = sandbox.ApiKey,
        ["Connect__Products__0"] = ProductId,
        ["Vendor__BaseUrl"] = vendor.BaseUrl.ToString(),
        ["Vendor__ApiKey"] = VendorSecret,
    };
}
