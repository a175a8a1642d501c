using System.Net.Http.Headers;

namespace Connect.Fulfillment.Testing.Tests;

/// <summary>A fresh fake vendor per test and an HTTP client that sends its bearer key.</summary>
public abstract class FakeVendorTestBase
{
    protected FakeVendorServer _vendor = null!;
    protected HttpClient _http = null!;

    [SetUp]
    public async Task StartVendor()
    {
        _vendor = await FakeVendorServer.StartAsync();
        _http = new HttpClient { BaseAddress = _vendor.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _vendor.ApiKey);
    }

    [TearDown]
    public async Task StopVendor()
    {
        _http.Dispose();
        await _vendor.DisposeAsync();
    }
}
