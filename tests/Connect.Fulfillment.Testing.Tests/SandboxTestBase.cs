using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Tests;

/// <summary>Starts a fresh sandbox per test and offers small HTTP helpers.</summary>
public abstract class SandboxTestBase
{
    protected ConnectSandbox Sandbox { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected virtual ConnectSandboxOptions Options => new();

    protected static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "connect", name);

    [SetUp]
    public async Task StartSandbox()
    {
        Sandbox = await ConnectSandbox.StartAsync(Options);
        Http = new HttpClient { BaseAddress = new Uri(Sandbox.BaseUrl + "/") };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Sandbox.ApiKey);
    }

    [TearDown]
    public async Task StopSandbox()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
    }

    protected async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string relative, object? body = null)
    {
        using var request = new HttpRequestMessage(method, relative);
        if (body is not null)
        {
            var json = body is string s ? s : System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string relative) => SendAsync(HttpMethod.Get, relative);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string relative, object? body = null) => SendAsync(HttpMethod.Post, relative, body);

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PutAsync(string relative, object body) => SendAsync(HttpMethod.Put, relative, body);

    protected static string? ContentRange(HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Range", out var v) ? v.Single()
        : response.Headers.TryGetValues("Content-Range", out var h) ? h.Single() : null;

    protected static string ErrorCode(JsonNode? body) => (string)body!["error_code"]!;
}
