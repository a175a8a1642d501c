using Connect.Fulfillment.Samples.Web;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The address the web sample's demo gives the embedded sandbox for its webhooks.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class WebSampleAddressesTests
{
    [TestCase(new[] { "http://127.0.0.1:5080" }, "http://127.0.0.1:5080/")]
    [TestCase(new[] { "http://localhost:5000" }, "http://localhost:5000/")]
    [TestCase(new[] { "http://0.0.0.0:5080" }, "http://127.0.0.1:5080/")]
    [TestCase(new[] { "http://[::]:5080" }, "http://[::1]:5080/")]
    [TestCase(new[] { "http://+:5080" }, "http://127.0.0.1:5080/")]
    [TestCase(new[] { "http://*:5080" }, "http://127.0.0.1:5080/")]
    [TestCase(new[] { "https://127.0.0.1:5443", "http://127.0.0.1:5080" }, "http://127.0.0.1:5080/")]
    [TestCase(new[] { "https://localhost:5443" }, "https://localhost:5443/")]
    [TestCase(new[] { "http://127.0.0.1:5080/base" }, "http://127.0.0.1:5080/base/")]
    public void A_loopback_caller_gets_an_http_address_with_a_concrete_host(string[] addresses, string expected)
        => Assert.That(WebAddresses.ForLoopbackCallers(addresses).ToString(), Is.EqualTo(expected));

    [Test]
    public void No_address_is_an_error() => Assert.That(() => WebAddresses.ForLoopbackCallers([]), Throws.InvalidOperationException);
}
