using System.Buffers;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// JSON views of the sandbox for a person or a test in another process, on a port of their own (no latency, no
/// faults): <c>GET /_sandbox/requests</c>, <c>/_sandbox/calls</c>, <c>/_sandbox/vendor-calls</c>, <c>/_sandbox/counts</c>,
/// <c>/_sandbox/usage-files</c> and <c>/_sandbox/webhooks</c>; and the order routes of <see cref="OrderRoutes"/>
/// (docs/testing.md, "Inspecting it from another process").
/// </summary>
internal sealed class InspectionServer : IAsyncDisposable
{
    // Error messages quote names ('customer_domain'); the default encoder would write them as \u0027.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;

    private InspectionServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets <c>http://127.0.0.1:{port}/_sandbox</c>.</summary>
    public Uri BaseUrl { get; }

    public static async Task<InspectionServer> StartAsync(SandboxView view, OrderRoutes orders)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Connect.Fulfillment.Samples.Sandbox" });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = OrderRoutes.MaxBodyBytes;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context => AnswerAsync(context, view, orders));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InspectionServer(app, new Uri(new Uri(address), "/_sandbox"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Writes a JSON answer; built in memory first, as Kestrel refuses the synchronous writes a stream-backed writer would make.</summary>
    internal static async Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static async Task AnswerAsync(HttpContext context, SandboxView view, OrderRoutes orders)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (OrderRoutes.Handles(path))
        {
            if (HttpMethods.IsPost(context.Request.Method))
            {
                await orders.AnswerAsync(context, path);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            }

            return;
        }

        Action<Utf8JsonWriter>? write = path switch
        {
            "/_sandbox/requests" => view.WriteRequests,
            "/_sandbox/calls" => view.WriteCalls,
            "/_sandbox/vendor-calls" => view.WriteVendorCalls,
            "/_sandbox/counts" => view.WriteCounts,
            "/_sandbox/usage-files" => view.WriteUsageFiles,
            "/_sandbox/webhooks" => view.WriteWebhooks,
            _ => null,
        };
        if (write is null || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = write is null ? 404 : 405;
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, write);
    }
}
