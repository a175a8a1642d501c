namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The web sample's start-up checks: exit code 2, one line on stderr naming the key, no secret, nothing served.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleConfigurationTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string key, string name, params (string Key, string? Value)[] changes)
        {
            var environment = WebSampleValidationTests.ConfiguredEnvironment();
            foreach (var (k, v) in changes)
            {
                environment[k] = v;
            }

            return new TestCaseData(environment, key).SetName("Web sample: " + name);
        }

        yield return Case("Webhook:JwtSecret", "missing Webhook:JwtSecret", ("Webhook__JwtSecret", null));
        yield return Case("Webhook:JwtSecret", "blank Webhook:JwtSecret", ("Webhook__JwtSecret", "   "));
        yield return Case("Webhook:JwtSecret", "short Webhook:JwtSecret", ("Webhook__JwtSecret", "short-secret-abc"));
        yield return Case("Webhook:ClockSkew", "Webhook:ClockSkew out of range", ("Webhook__ClockSkew", "01:00:00"));
        yield return Case("Webhook:ClockSkew", "malformed Webhook:ClockSkew", ("Webhook__ClockSkew", "soon"));
        yield return Case("Webhook:MaxBodyBytes", "Webhook:MaxBodyBytes too small", ("Webhook__MaxBodyBytes", "10"));
        yield return Case("Webhook:EventConcurrency", "zero Webhook:EventConcurrency", ("Webhook__EventConcurrency", "0"));
        yield return Case("Webhook:AdditionalJwtSecrets", "short additional secret", ("Webhook__AdditionalJwtSecrets__0", "short-secret-abc"));
        yield return Case("Connect:ApiKey", "missing Connect:ApiKey", ("Connect__ApiKey", null));
        yield return Case("Connect:Products", "missing Connect:Products", ("Connect__Products__0", null));
        yield return Case("Connect:Endpoint", "clear-text Connect:Endpoint", ("Connect__Endpoint", "http://api.connect.example.com/public/v1"));
        yield return Case("Connect:Endpoint", "empty Connect:Endpoint", ("Connect__Endpoint", ""));
        yield return Case("Vendor:BaseUrl", "missing Vendor:BaseUrl", ("Vendor__BaseUrl", null));
        yield return Case("Vendor:ApiKey", "missing Vendor:ApiKey", ("Vendor__ApiKey", null));
        yield return Case("Fulfillment:MaxConcurrency", "zero Fulfillment:MaxConcurrency", ("Fulfillment__MaxConcurrency", "0"));
        yield return Case("Logging:LogLevel:Default", "unknown log level", ("Logging__LogLevel__Default", "loud"));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Invalid_configuration_exits_2_naming_the_key(Dictionary<string, string?> environment, string key)
    {
        var result = await SampleProcess.RunAsync(SampleProcess.WebDll, environment, "--urls", $"http://127.0.0.1:{Scenario.ClosedPort()}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.StartWith("error: ").And.Contain(key));
        Assert.That(result.Stdout, Is.Empty, "nothing started");
        Assert.That(result.Stderr, Does.Not.Contain(WebSampleHost.Secret).And.Not.Contain(Scenario.ConnectSecret).And.Not.Contain(Scenario.VendorSecret).And.Not.Contain("short-secret-abc"));
    }

    [TestCase(null, "Webhook:JwtSecret is required (environment Webhook__JwtSecret)")]
    [TestCase("0123456789abcdef0123456789abcde", "Webhook:JwtSecret must be at least 32 bytes long")]
    public async Task The_secret_message_says_what_to_do(string? secret, string message)
    {
        var environment = WebSampleValidationTests.ConfiguredEnvironment();
        environment["Webhook__JwtSecret"] = secret;

        var result = await SampleProcess.RunAsync(SampleProcess.WebDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.StartWith("error: " + message));
    }

    [Test]
    public async Task The_demo_also_checks_a_configured_secret()
    {
        var result = await SampleProcess.RunAsync(
            SampleProcess.WebDll,
            new Dictionary<string, string?> { ["Webhook__JwtSecret"] = "too-short" },
            "--urls",
            $"http://127.0.0.1:{Scenario.ClosedPort()}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines.Single(), Does.Contain("Webhook:JwtSecret").And.Not.Contain("too-short"));
    }

    [Test]
    public async Task An_address_already_in_use_is_one_line_and_a_non_zero_exit()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await SampleProcess.RunAsync(SampleProcess.WebDll, WebSampleValidationTests.ConfiguredEnvironment(), "--urls", $"http://127.0.0.1:{port}");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Some.StartsWith("error: the web host could not listen").And.Some.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.ToString());
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}
