using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.Testing.Tests.Webhooks;

/// <summary>One call the receiver got.</summary>
internal sealed record ReceivedCall(string Path, string? Authorization, string? ContentType, string Body);

/// <summary>What the receiver answers: a status and a body, after an optional wait.</summary>
internal sealed record Reply(int Status, string Body, TimeSpan Delay = default)
{
    public static Reply Ok(string body) => new(200, body);
}

/// <summary>
/// A real Kestrel server standing in for a vendor's webhook endpoints (<c>/validation</c>, <c>/events</c>): it records
/// every call and answers through a replaceable handler, so tests see exactly what the sandbox sends.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "sandbox-webhook-test-secret-0123456789abcdef";

    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public Uri ValidationUrl => new(BaseUrl, "validation");

    public Uri EventsUrl => new(BaseUrl, "events");

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    /// <summary>Answers validation calls; by default echoes the request unchanged.</summary>
    public Func<ReceivedCall, Reply> OnValidation { get; set; } = call => Reply.Ok(call.Body);

    /// <summary>Answers event calls; by default 202.</summary>
    public Func<ReceivedCall, Reply> OnEvent { get; set; } = _ => new Reply(202, """{"status":"queued"}""");

    public IReadOnlyList<ReceivedCall> Validations => Calls.Where(c => c.Path == "/validation").ToList();

    public IReadOnlyList<ReceivedCall> Events => Calls.Where(c => c.Path == "/events").ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{kind}", async (string kind, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var call = new ReceivedCall("/" + kind, http.Request.Headers.Authorization.FirstOrDefault(), http.Request.ContentType, await reader.ReadToEndAsync(http.RequestAborted));
            receiver!.Calls.Enqueue(call);
            var reply = kind == "validation" ? receiver.OnValidation(call) : receiver.OnEvent(call);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }

            return Results.Text(reply.Body, "application/json", Encoding.UTF8, reply.Status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new WebhookReceiver(app, new Uri(address + "/"));
        return receiver;
    }

    /// <summary>Checks a Bearer header the way a webhook endpoint does: HS256 with <paramref name="secret"/>, lifetime by <paramref name="now"/>.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(string? authorization, string secret = Secret, DateTimeOffset? now = null)
    {
        Assert.That(authorization, Does.StartWith("Bearer "));
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        };
        if (now is { } at)
        {
            parameters.LifetimeValidator = (notBefore, expires, _, _) => notBefore <= at.UtcDateTime && expires > at.UtcDateTime;
        }

        return await new JsonWebTokenHandler().ValidateTokenAsync(authorization!["Bearer ".Length..], parameters);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
