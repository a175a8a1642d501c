using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The web sample, as built, in a process of its own listening on <c>--urls http://127.0.0.1:&lt;free port&gt;</c>, and
/// an <see cref="HttpClient"/> that calls it as Connect would: with an HS256 JWT signed by the webhook secret.
/// </summary>
internal sealed class WebSampleHost : IDisposable
{
    /// <summary>The webhook secret the tests configure (Webhook__JwtSecret).</summary>
    public const string Secret = "web-sample-jwt-secret-5f1c9a7e3b2d4c6a8e0f1a2b";

    private WebSampleHost(SampleProcess process, Uri baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SampleProcess Process { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the sample and waits until it listens (Kestrel logs "Now listening on").</summary>
    /// <param name="environment">The configuration, as environment variables.</param>
    /// <param name="waitFor">What to wait for on its output instead.</param>
    /// <param name="timeout">How long to wait for it.</param>
    /// <param name="port">The port to listen on; a free one when null.</param>
    public static async Task<WebSampleHost> StartAsync(IReadOnlyDictionary<string, string?> environment, string? waitFor = null, TimeSpan? timeout = null, int? port = null)
    {
        port ??= Scenario.ClosedPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var process = SampleProcess.Start(SampleProcess.WebDll, environment, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            await process.WaitForOutputAsync(waitFor ?? $"Now listening on: http://127.0.0.1:{port}", timeout ?? TimeSpan.FromSeconds(40));
            return new WebSampleHost(process, baseUrl);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>A token as Connect signs it: HS256 with the secret, valid from a minute ago for five minutes.</summary>
    public static string Token(string secret = Secret)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(5),
        });
    }

    /// <summary>Posts a body to a route with the given bearer token (none when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(string route, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Posts a request to /connect/validation with a valid token, expects 200, and returns the answer.</summary>
    public async Task<JsonObject> ValidateAsync(JsonObject request)
    {
        using var response = await PostAsync("/connect/validation", request.ToJsonString(), Token());
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text + "\n" + this);
        return JsonNode.Parse(text)!.AsObject();
    }

    public override string ToString() => $"--- web stdout ---\n{Process.Stdout}\n--- web stderr ---\n{Process.Stderr}";

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
