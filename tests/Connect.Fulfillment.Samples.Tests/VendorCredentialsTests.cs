using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// A vendor that refuses our key (401/403) never fails a customer's request: the requests stay pending, nothing is
/// retried in vain, and the run says loudly — on stderr and with exit code 5 — that our vendor credentials are wrong.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VendorCredentialsTests
{
    [TestCase(401)]
    [TestCase(403)]
    public async Task A_vendor_refusing_our_credentials_leaves_requests_pending_and_exits_5(int status)
    {
        await using var s = await Scenario.StartAsync();
        var cancel = s.CancelOf("SUB-1");
        s.Vendor.SetBehavior("SUB-1", VendorBehavior.Failure(status));
        var purchase = s.Purchase();
        s.Vendor.SetBehavior(s.AssetOf(purchase), VendorBehavior.Failure(status));

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
            Assert.That(result.CountLines.Take(5), Is.EqualTo(new[] { "approved: 0", "failed: 0", "inquired: 0", "skipped: 0", "retry-later: 2" }), result.ToString());
            Assert.That(s.Sandbox.GetRequestStatus(cancel), Is.EqualTo("pending"));
            Assert.That(s.Sandbox.GetRequestStatus(purchase), Is.EqualTo("pending"));
            Assert.That(result.StdoutLines.Count(l => l.Contains(" retry-later: ", StringComparison.Ordinal) && l.Contains($"the vendor refused our credentials (HTTP {status}): check Vendor:ApiKey", StringComparison.Ordinal)), Is.EqualTo(2), result.ToString());
            Assert.That(result.StderrLines, Has.Some.StartWith($"error: the vendor refused our credentials (HTTP {status}) on 2 calls: check Vendor:ApiKey"));
            Assert.That(s.Vendor.Calls, Has.Count.EqualTo(2), "a refusal of our credentials is not retried within the run");
            Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(Scenario.VendorSecret));
        });
    }

    [Test]
    public async Task A_wrong_vendor_key_is_reported_the_same_way()
    {
        await using var s = await Scenario.StartAsync();
        var cancel = s.CancelOf("SUB-1");
        var environment = s.Environment();
        environment["Vendor__ApiKey"] = "rotated-key";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(s.Sandbox.GetRequestStatus(cancel), Is.EqualTo("pending"));
        Assert.That(s.Sandbox.CallLog.Count("POST", $"/requests/{cancel}/fail"), Is.Zero);
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("rotated-key"));
    }
}
