using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connect.Fulfillment.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a random port with the webhook endpoints mapped at
/// <c>/connect/validation</c> and <c>/connect/events</c>, every log record collected, and an HttpClient pointed at it.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string ValidationPath = "/connect/validation";
    public const string EventsPath = "/connect/events";

    private WebhookHost(WebApplication app, HttpClient client, FakeLogCollector logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<WebhookHost> StartAsync(
        Action<ConnectWebhookOptions>? options = null,
        Action<ConnectWebhookBuilder>? validators = null,
        Action<IServiceCollection>? services = null,
        bool mapEvents = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        var webhooks = builder.Services.AddConnectWebhooks(o =>
        {
            o.JwtSecret = Tokens.Secret;
            options?.Invoke(o);
        });
        validators?.Invoke(webhooks);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapConnectValidation(ValidationPath);
        if (mapEvents)
        {
            app.MapConnectEvents(EventsPath);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        return new WebhookHost(app, client, app.Services.GetFakeLogCollector());
    }

    /// <summary>Posts a body with a valid token unless another Authorization value is given (null: no header).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? body, string? authorization = "valid", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization == "valid" ? "Bearer " + Tokens.Valid() : authorization);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> ValidateAsync(string body, string? authorization = "valid") => PostAsync(ValidationPath, body, authorization);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
