namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The processor sample when its coordination database (Coordination:PostgreSql:ConnectionString) is down.</summary>
public sealed class CoordinationExitTests
{
    private const string DatabasePassword = "pg-pass-5e1d7c";

    [Test]
    public async Task An_unreachable_coordination_database_exits_6_naming_the_database_never_its_password()
    {
        await using var s = await Scenario.StartAsync();
        var id = s.CancelOf("SUB-1");
        var port = Scenario.ClosedPort();
        var environment = s.Environment();
        environment["Coordination__PostgreSql__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=leases;Username=app;Password={DatabasePassword}";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        var errors = result.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
            Assert.That(errors, Has.Count.EqualTo(1), result.ToString());
            Assert.That(errors.FirstOrDefault(), Does.StartWith("error: the coordination database could not be reached")
                .And.Contain($"database 'leases' on 127.0.0.1:{port}")
                .And.Contain("Coordination:PostgreSql:ConnectionString")
                .And.Not.Contain("Connect could not be reached"));
            Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(DatabasePassword).And.Not.Contain(Scenario.VendorSecret));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
            Assert.That(s.Sandbox.GetRequestStatus(id), Is.EqualTo("pending"), "nothing was started without a lease");
            Assert.That(s.Vendor.Calls, Is.Empty, "no vendor call without a lease");
        });
    }
}
