using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// Read-only JSON views of the sandbox for a test in another process, on a port of their own (no latency, no faults):
/// <c>GET /_sandbox/requests</c>, <c>/_sandbox/calls</c>, <c>/_sandbox/vendor-calls</c> and <c>/_sandbox/counts</c>
/// (docs/testing.md, "Inspecting it from another process").
/// </summary>
internal sealed class InspectionServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InspectionServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets <c>http://127.0.0.1:{port}/_sandbox</c>.</summary>
    public Uri BaseUrl { get; }

    public static async Task<InspectionServer> StartAsync(SandboxView view)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Connect.Fulfillment.Samples.Sandbox" });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context => AnswerAsync(context, view));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InspectionServer(app, new Uri(new Uri(address), "/_sandbox"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context, SandboxView view)
    {
        Action<Utf8JsonWriter>? write = context.Request.Path.Value switch
        {
            "/_sandbox/requests" => view.WriteRequests,
            "/_sandbox/calls" => view.WriteCalls,
            "/_sandbox/vendor-calls" => view.WriteVendorCalls,
            "/_sandbox/counts" => view.WriteCounts,
            "/_sandbox/usage-files" => view.WriteUsageFiles,
            _ => null,
        };
        if (write is null || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = write is null ? 404 : 405;
            return;
        }

        // Written to memory first: Kestrel refuses the synchronous writes a stream-backed writer would make.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
