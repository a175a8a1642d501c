using Connect.Fulfillment.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// The processor against a Connect or a vendor that echoes our keys, and against hostile text (line breaks, terminal
/// escapes) in request types and vendor messages: no key in the fail reason sent to Connect nor in anything printed,
/// and every printed line is one line.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class EchoedSecretsTests
{
    private const string Forged = "\nPR-9999-9999-9999-999 cancel approved: forged\u001b[2J\u202E";

    private static readonly string ConnectToken = Scenario.ConnectSecret.Split(':')[1];

    [Test]
    public async Task A_vendor_error_echoing_its_bearer_key_is_masked_in_the_fail_reason_and_the_output()
    {
        await using var s = await Scenario.StartAsync();
        var rejected = s.CancelOf("SUB-1");
        s.Vendor.SetBehavior("SUB-1", VendorBehavior.Rejected($"token 'Bearer {Scenario.VendorSecret}' may not cancel this subscription"));

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(s.Sandbox.GetRequestStatus(rejected), Is.EqualTo("failed"));
            Assert.That((string?)s.Sandbox.GetRequest(rejected)!["reason"], Is.EqualTo("token 'Bearer ***' may not cancel this subscription"));
            Assert.That(s.Sandbox.CallLog.Entries.Select(e => e.RequestBody ?? string.Empty), Has.None.Contains(Scenario.VendorSecret));
            Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(Scenario.VendorSecret));
        });
    }

    [TestCase(401, 3)]
    [TestCase(500, 4)]
    public async Task A_Connect_error_echoing_the_Authorization_header_never_prints_the_key(int status, int exitCode)
    {
        await using var connect = await StubServer.StartAsync(async context =>
        {
            var echoed = context.Request.Headers.Authorization.ToString();
            context.Response.StatusCode = status;
            if (status == 401)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new { error_code = "AUTH_001", errors = new[] { $"Invalid key '{echoed}'" } });
            }
            else
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<html><body><h1>Internal error</h1><pre>Authorization: {echoed}</pre></body></html>");
            }
        });
        await using var s = await Scenario.StartAsync();
        var environment = s.Environment();
        environment["Connect__Endpoint"] = new Uri(connect.BaseUrl, "public/v1").ToString();
        environment["Logging__LogLevel__Default"] = "Information";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(connect.Calls, Is.GreaterThan(0));
            Assert.That(result.Stdout + result.Stderr, Does.Contain("***"), "the echo was printed, masked");
            Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(ConnectToken));
        });
    }

    [Test]
    public async Task A_hostile_request_type_and_vendor_message_stay_on_one_line_in_the_output()
    {
        await using var s = await Scenario.StartAsync();
        var hostileType = s.Sandbox.Requests.Add(r => r
            .Type("cancel" + Forged).Status("pending").Product(Scenario.ProductId).Environment("preview")
            .Parameter("subscription_id", phase: "fulfillment", value: "SUB-9"));
        var rejected = s.CancelOf("SUB-1");
        s.Vendor.SetBehavior("SUB-1", VendorBehavior.Rejected("refused" + Forged));
        var environment = s.Environment();
        environment["Logging__LogLevel__Default"] = "Trace";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var output = result.StdoutLines.Concat(result.StderrLines).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.StdoutLines, Has.Some.StartsWith(hostileType + " cancel\\nPR-9999"), result.ToString());
            Assert.That(result.StdoutLines, Has.Some.StartsWith(rejected + " cancel failed: refused\\nPR-9999"), result.ToString());
            Assert.That(output, Has.None.StartsWith("PR-9999"), "no forged line");

            // Ordinal: a culture-sensitive search ignores these characters and would find them anywhere.
            Assert.That((result.Stdout + result.Stderr).AsSpan().IndexOfAny('\u001b', '\u202E'), Is.EqualTo(-1));
        });
    }

    /// <summary>A one-route HTTP server standing in for a hostile Connect.</summary>
    private sealed class StubServer(WebApplication app, Uri baseUrl, Func<int> calls) : IAsyncDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        public int Calls => calls();

        public static async Task<StubServer> StartAsync(RequestDelegate answer)
        {
            var count = 0;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(context =>
            {
                Interlocked.Increment(ref count);
                return answer(context);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new StubServer(app, new Uri(address.TrimEnd('/') + "/"), () => Volatile.Read(ref count));
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
