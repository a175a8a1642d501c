using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The web sample's <c>/connect/validation</c>, as built, over real Kestrel: the <c>customer_domain</c> rule on draft
/// purchases, every other field answered as received, and concurrent calls.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleValidationTests
{
    private WebSampleHost host = null!;

    /// <summary>Connect configured (no demo) but never called: validation needs neither Connect nor the vendor.</summary>
    internal static Dictionary<string, string?> ConfiguredEnvironment() => new()
    {
        ["Connect__Endpoint"] = "http://127.0.0.1:9/public/v1",
        ["Connect__ApiKey"] = Scenario.ConnectSecret,
        ["Connect__Products__0"] = Scenario.ProductId,
        ["Vendor__BaseUrl"] = "https://vendor.example.com/api",
        ["Vendor__ApiKey"] = Scenario.VendorSecret,
        ["Webhook__JwtSecret"] = WebSampleHost.Secret,
    };

    [OneTimeSetUp]
    public async Task StartAsync() => host = await WebSampleHost.StartAsync(ConfiguredEnvironment());

    [OneTimeTearDown]
    public void Stop() => host.Dispose();

    /// <summary>A name of exactly <paramref name="length"/> characters: labels of 63, the last one shortened, then ".io".</summary>
    internal static string NameOfLength(int length)
    {
        var labels = new List<string>();
        var left = length - 3;
        while (left > 0)
        {
            var size = Math.Min(63, left);
            labels.Add(new string((char)('a' + labels.Count), size));
            left -= size + 1;
        }

        var name = string.Join('.', labels) + ".io";
        Assert.That(name, Has.Length.EqualTo(length), "test data");
        return name;
    }

    private static IEnumerable<TestCaseData> ValidDomains() => new[]
    {
        "example.com", "contoso-shop.com", "mail.eu.contoso.co.uk", "EXAMPLE.COM", "Contoso.Com", "a.io", "123.example.org",
        "xn--bcher-kva.de", "a--b.example.net", "localhost", new string('a', 63) + ".com", NameOfLength(253),
    }.Select(d => new TestCaseData(d).SetArgDisplayNames(d.Length > 40 ? $"{d.Length} characters" : d));

    private static IEnumerable<TestCaseData> InvalidDomains()
    {
        TestCaseData Case(string? value, string expected, string name) => new TestCaseData(value, expected).SetArgDisplayNames(name);
        yield return Case(string.Empty, "Enter a domain name", "empty");
        yield return Case(null, "Enter a domain name", "null");
        yield return Case("exa mple.com", "a space", "space");
        yield return Case(" example.com", "a space", "leading space");
        yield return Case("exa_mple.com", "underscore", "underscore");
        yield return Case("example.com/shop", "'/'", "slash");
        yield return Case("https://example.com", "':'", "URL");
        yield return Case("bücher.de", "'ü'", "non-ASCII letter");
        yield return Case("example\t.com", "U+0009", "tab");
        yield return Case("-example.com", "starts with a hyphen", "leading hyphen");
        yield return Case("example-.com", "ends with a hyphen", "trailing hyphen");
        yield return Case("example..com", "two dots in a row", "empty label");
        yield return Case(".example.com", "starts with a dot", "leading dot");
        yield return Case("example.com.", "ends with a dot", "trailing dot");
        yield return Case("example.c", "top-level domain of at least two letters", "one-letter final label");
        yield return Case("example.c0m", "top-level domain of at least two letters", "digit in final label");
        yield return Case("192.168.1.10", "top-level domain of at least two letters", "IP address");
        yield return Case(new string('a', 64) + ".com", "at most 63", "64-character label");
        yield return Case(NameOfLength(254), "at most 253", "254 characters");
    }

    [TestCaseSource(nameof(ValidDomains))]
    public async Task A_valid_domain_clears_an_earlier_error(string domain)
    {
        var answer = await host.ValidateAsync(WebSampleDrafts.WithDomain(domain, valueError: "The previous value was refused."));

        Assert.That(WebSampleDrafts.ValueError(answer), Is.Empty, host.ToString());
        Assert.That((string?)WebSampleDrafts.Param(answer, "customer_domain")["value"], Is.EqualTo(domain), "the value is not rewritten");
    }

    [TestCaseSource(nameof(InvalidDomains))]
    public async Task An_invalid_domain_gets_a_value_error_saying_why(string? domain, string expected)
    {
        var answer = await host.ValidateAsync(WebSampleDrafts.WithDomain(domain));

        Assert.That(WebSampleDrafts.ValueError(answer), Does.Contain(expected), host.ToString());
        Assert.That((string?)answer["status"], Is.EqualTo("draft"));
    }

    [Test]
    public async Task An_invalid_domain_replaces_an_earlier_error_and_a_valid_one_without_error_is_answered_as_sent()
    {
        var replaced = await host.ValidateAsync(WebSampleDrafts.WithDomain("exa_mple.com", valueError: "old error"));
        var untouched = WebSampleDrafts.WithDomain("example.com");
        Params(untouched).OfType<JsonObject>().Single(p => (string?)p["id"] == "customer_domain").Remove("value_error");

        var answer = await host.ValidateAsync(untouched.DeepClone().AsObject());

        Assert.That(WebSampleDrafts.ValueError(replaced), Does.Contain("underscore"));
        Assert.That(JsonNode.DeepEquals(answer, untouched), Is.True, answer.ToJsonString());
    }

    [Test]
    public async Task Every_other_field_unknown_ones_included_is_answered_as_received()
    {
        var request = WebSampleDrafts.WithDomain("bad domain.com");
        request["x_vendor_extension"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null, true), ["n"] = 1.5 };
        request["asset"]!["x_unknown"] = "kept";
        WebSampleDrafts.Param(request, "customer_domain")["x_param_field"] = new JsonObject { ["a"] = "b" };
        WebSampleDrafts.Param(request, "param_dynamic_validation")["value_error"] = "set by someone else";

        var answer = await host.ValidateAsync(request.DeepClone().AsObject());

        var expected = request.DeepClone().AsObject();
        WebSampleDrafts.Param(expected, "customer_domain")["value_error"] = WebSampleDrafts.ValueError(answer);
        Assert.That(WebSampleDrafts.ValueError(answer), Does.Contain("a space"));
        Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, $"expected {expected.ToJsonString()}\nanswer {answer.ToJsonString()}");
    }

    [Test]
    public async Task A_draft_without_customer_domain_is_answered_unchanged()
    {
        var request = WebSampleDrafts.Fixture();

        var answer = await host.ValidateAsync(request.DeepClone().AsObject());

        Assert.That(JsonNode.DeepEquals(answer, request), Is.True, answer.ToJsonString());
    }

    [TestCase("change", "draft")]
    [TestCase("purchase", "pending")]
    public async Task Only_draft_purchases_are_validated(string type, string status)
    {
        var request = WebSampleDrafts.WithDomain("not a domain");
        request["type"] = type;
        request["status"] = status;

        var answer = await host.ValidateAsync(request.DeepClone().AsObject());

        Assert.That(JsonNode.DeepEquals(answer, request), Is.True, answer.ToJsonString());
    }

    [Test]
    public async Task Fifty_concurrent_calls_are_each_answered_for_their_own_request()
    {
        var calls = Enumerable.Range(0, 50).Select(async i =>
        {
            var valid = i % 2 == 0;
            var request = WebSampleDrafts.WithDomain(valid ? $"shop{i}.example.com" : $"shop_{i}.example.com", valueError: valid ? "stale" : string.Empty);
            request["id"] = $"PR-6990-1715-4162-{i:000}";
            var answer = await host.ValidateAsync(request);
            return (i, valid, Id: (string?)answer["id"], Value: (string?)WebSampleDrafts.Param(answer, "customer_domain")["value"], Error: WebSampleDrafts.ValueError(answer));
        });

        var answers = await Task.WhenAll(calls);

        Assert.Multiple(() =>
        {
            foreach (var (i, valid, id, value, error) in answers)
            {
                Assert.That(id, Is.EqualTo($"PR-6990-1715-4162-{i:000}"));
                Assert.That(value, Is.EqualTo(valid ? $"shop{i}.example.com" : $"shop_{i}.example.com"));
                Assert.That(error, valid ? Is.Empty : Does.Contain("underscore"));
            }
        });
    }

    private static JsonArray Params(JsonObject request) => WebSampleDrafts.Params(request);
}
