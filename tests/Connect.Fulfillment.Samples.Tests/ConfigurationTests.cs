namespace Connect.Fulfillment.Samples.Tests;

/// <summary>Exit code 2: one line on stderr naming the key, nothing on stdout, no Connect call.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ConfigurationTests
{
    private const string Endpoint = "http://127.0.0.1:9/public/v1";

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Connect__Endpoint"] = Endpoint,
        ["Connect__ApiKey"] = "SU-1:key",
        ["Connect__Products__0"] = "PRD-1",
        ["Vendor__BaseUrl"] = "https://vendor.example.com/api",
        ["Vendor__ApiKey"] = "vendor-key",
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string key, string name, params (string Key, string? Value)[] changes)
        {
            var environment = Valid();
            foreach (var (k, v) in changes)
            {
                environment[k] = v;
            }

            return new TestCaseData(environment, key).SetName(name);
        }

        yield return Case("Connect:ApiKey", "Missing Connect:ApiKey", ("Connect__ApiKey", null));
        yield return Case("Connect:Products", "Missing Connect:Products", ("Connect__Products__0", null));
        yield return Case("Connect:Endpoint", "Malformed Connect:Endpoint", ("Connect__Endpoint", "not a url"));
        yield return Case("Connect:Endpoint", "Clear-text Connect:Endpoint", ("Connect__Endpoint", "http://api.connect.example.com/public/v1"));
        yield return Case("Connect:Environments", "Unknown environment", ("Connect__Environments__0", "staging"));
        yield return Case("Vendor:BaseUrl", "Missing Vendor:BaseUrl", ("Vendor__BaseUrl", null));
        yield return Case("Vendor:BaseUrl", "Clear-text Vendor:BaseUrl", ("Vendor__BaseUrl", "http://vendor.example.com"));
        yield return Case("Vendor:ApiKey", "Missing Vendor:ApiKey", ("Vendor__ApiKey", null));
        yield return Case("Vendor:TimeoutSeconds", "Malformed Vendor:TimeoutSeconds", ("Vendor__TimeoutSeconds", "abc"));
        yield return Case("Fulfillment:MaxConcurrency", "Zero concurrency", ("Fulfillment__MaxConcurrency", "0"));
        yield return Case("Fulfillment:MaxConcurrency", "Negative concurrency", ("Fulfillment__MaxConcurrency", "-4"));
        yield return Case("Fulfillment:DryRun", "Malformed Fulfillment:DryRun", ("Fulfillment__DryRun", "maybe"));
        yield return Case("Connect:Endpoint", "Empty Connect:Endpoint", ("Connect__Endpoint", " "));
        yield return Case("Connect:Endpoint", "Relative Connect:Endpoint", ("Connect__Endpoint", "/public/v1"));
        yield return Case("Connect:Endpoint", "FTP Connect:Endpoint", ("Connect__Endpoint", "ftp://api.connect.example.com/public/v1"));
        yield return Case("Connect:ApiKey", "Blank Connect:ApiKey", ("Connect__ApiKey", "   "));
        yield return Case("Connect:Products", "Empty product entry", ("Connect__Products__1", " "));
        yield return Case("Connect:Environments", "Wrong-case environment", ("Connect__Environments__0", "Production"));
        yield return Case("Fulfillment:MaxConcurrency", "Non-numeric concurrency", ("Fulfillment__MaxConcurrency", "four"));
        yield return Case("Logging:LogLevel:Default", "Unknown log level", ("Logging__LogLevel__Default", "garbage"));
        yield return Case("Logging:LogLevel:Connect.Fulfillment", "Unknown log level of a category", ("Logging__LogLevel__Connect.Fulfillment", "loud"));
        yield return Case("Connect:Endpoint", "Connect:Endpoint with a query string", ("Connect__Endpoint", "https://api.connect.example.com/public/v1?x=1"));
        yield return Case("Vendor:BaseUrl", "Vendor:BaseUrl with a query string", ("Vendor__BaseUrl", "https://vendor.example.com/api?key=1"));
        yield return Case("Connect:ApiKey", "Non-ASCII Connect:ApiKey", ("Connect__ApiKey", "SU-1:kéy"));
        yield return Case("Vendor:ApiKey", "Non-ASCII Vendor:ApiKey", ("Vendor__ApiKey", "vendor–key"));
        yield return Case("Vendor:TimeoutSeconds", "Zero Vendor:TimeoutSeconds", ("Vendor__TimeoutSeconds", "0"));
        yield return Case(
            "Connect:ApiKey",
            "Connect:Endpoint set with the rest missing",
            ("Connect__ApiKey", null),
            ("Connect__Products__0", null),
            ("Vendor__BaseUrl", null),
            ("Vendor__ApiKey", null));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Invalid_configuration_exits_2_naming_the_key(Dictionary<string, string?> environment, string key)
    {
        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.Contain(key));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr, Does.Not.Contain("vendor-key").And.Not.Contain("SU-1:key"));
    }

    [TestCase("Fulfillment__MaxConcurrency", "-1", "Fulfillment:MaxConcurrency")]
    [TestCase("Connect__ApiKey", null, "Connect:ApiKey")]
    [TestCase("Connect__Endpoint", "http://connect.example.com/public/v1", "Connect:Endpoint")]
    [TestCase("Connect__Endpoint", "https://connect.example.com/public/v1?x=1", "Connect:Endpoint")]
    [TestCase("Logging__LogLevel__Default", "garbage", "Logging:LogLevel:Default")]
    [TestCase("Telemetry__ConsoleExporter", "yes", "Telemetry:ConsoleExporter")]
    [TestCase("Worker__HealthFile", "/proc/no-such-dir/health", "Worker:HealthFile")]
    [TestCase("Worker__UnhealthyAfterSeconds", "abc", "Worker:UnhealthyAfterSeconds")]
    [TestCase("Vendor__ApiKey", "ключ", "Vendor:ApiKey")]
    public async Task The_worker_rejects_the_same_bad_configuration_naming_the_key(string variable, string? value, string key)
    {
        var environment = Valid();
        environment[variable] = value;

        var result = await SampleProcess.RunAsync(SampleProcess.WorkerDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.Contain(key));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("vendor-key").And.Not.Contain("SU-1:key"));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Connect_Products_may_be_one_comma_separated_value()
    {
        await using var s = await Scenario.StartAsync();
        var cancel = s.CancelOf("SUB-1");
        var environment = s.Environment();
        environment["Connect__Products__0"] = null;
        environment["Connect__Products"] = "PRD-000-000-000, " + Scenario.ProductId;

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(s.Sandbox.GetRequestStatus(cancel), Is.EqualTo("approved"));
    }

    [Test]
    public async Task The_command_line_wins_over_environment_variables()
    {
        var environment = Valid();
        environment["Fulfillment__MaxConcurrency"] = "0";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment, "--Fulfillment:MaxConcurrency=4", "--Connect:Environments:0=sandbox");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.Contain("Connect:Environments").And.Contain("sandbox"));
    }
}
