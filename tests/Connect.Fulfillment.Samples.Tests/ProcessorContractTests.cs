using System.Collections.Concurrent;
using System.Text.Json;
using Connect.Fulfillment.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The processor sample checked black-box against a sandbox and a vendor started here.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ProcessorContractTests
{
    [Test]
    public async Task Every_cancel_and_purchase_branch_ends_as_the_contract_says()
    {
        await using var s = await Scenario.StartAsync();
        var ok = s.CancelOf("SUB-OK");
        var alreadyCancelled = s.CancelOf("SUB-DONE", status: "cancelled");
        var unknown = s.Cancel("SUB-NONE");
        var rateLimitedOnce = s.CancelOf("SUB-RL1");
        s.Vendor.SetBehavior("SUB-RL1", VendorBehavior.RateLimited(1, times: 1));
        var rateLimited = s.CancelOf("SUB-RL2");
        s.Vendor.SetBehavior("SUB-RL2", VendorBehavior.RateLimited(1));
        var timedOutOnce = s.CancelOf("SUB-TO");
        s.Vendor.SetBehavior("SUB-TO", VendorBehavior.Failure(408, times: 1));
        var rejected = s.CancelOf("SUB-REJ");
        s.Vendor.SetBehavior("SUB-REJ", VendorBehavior.Rejected("Cancellation is blocked by an open invoice."));
        var down = s.CancelOf("SUB-DOWN");
        s.Vendor.SetBehavior("SUB-DOWN", VendorBehavior.Failure(503));
        var missing = s.Cancel(null);
        var purchase = s.Purchase();
        var existing = s.Purchase("SUB-EXIST");
        var purchaseRejected = s.Purchase();
        s.Vendor.SetBehavior(s.AssetOf(purchaseRejected), VendorBehavior.Rejected("Seat count exceeds the credit limit."));
        var purchaseDown = s.Purchase();
        s.Vendor.SetBehavior(s.AssetOf(purchaseDown), VendorBehavior.Failure(500));
        var suspend = s.Sandbox.Requests.Add(r => r.Type("suspend").Status("pending").Product(Scenario.ProductId).Environment("preview")
            .Parameter("subscription_id", value: "SUB-OK"));

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.CountLines.Take(5), Is.EqualTo(new[] { "approved: 6", "failed: 4", "inquired: 0", "skipped: 1", "retry-later: 3" }), result.ToString());
        string Line(string id) => result.StdoutLines.SingleOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal)) ?? "(no line)";
        var calls = s.Vendor.Calls;
        VendorCall[] CallsOf(string id) => calls.Where(c => c.IdempotencyKey == id).ToArray();

        Assert.Multiple(() =>
        {
            // 2xx → approve; the call carried the request id as Idempotency-Key and the bearer key (else 401).
            Assert.That(s.Sandbox.GetRequestStatus(ok), Is.EqualTo("approved"));
            Assert.That(s.Sandbox.GetAssetStatus(s.AssetOf(ok)), Is.EqualTo("terminated"));
            Assert.That(s.Vendor.GetSubscription("SUB-OK")!.Status, Is.EqualTo("cancelled"));
            Assert.That(CallsOf(ok).Select(c => (c.Method, c.Path, c.StatusCode, c.Body ?? string.Empty)),
                Is.EqualTo(new[] { ("POST", "/subscriptions/SUB-OK/cancel", 200, string.Empty) }));
            Assert.That(calls.Where(c => c.StatusCode == 401), Is.Empty, "a call without the right bearer key");

            // 409 → already cancelled → approve.
            Assert.That(s.Sandbox.GetRequestStatus(alreadyCancelled), Is.EqualTo("approved"));
            Assert.That(CallsOf(alreadyCancelled).Select(c => c.StatusCode), Is.EqualTo(new[] { 409 }));

            // 404 → fail naming the external id.
            Assert.That(s.Sandbox.GetRequestStatus(unknown), Is.EqualTo("failed"));
            Assert.That(Line(unknown), Does.StartWith($"{unknown} cancel failed: ").And.Contains("SUB-NONE"));
            Assert.That((string?)s.Sandbox.GetRequest(unknown)!["reason"], Does.Contain("SUB-NONE"));

            // 429 → Retry-After honoured, then approved; always 429 → retry-later after 2 retries.
            Assert.That(s.Sandbox.GetRequestStatus(rateLimitedOnce), Is.EqualTo("approved"));
            Assert.That(CallsOf(rateLimitedOnce).Select(c => c.StatusCode), Is.EqualTo(new[] { 429, 200 }));
            Assert.That(s.Sandbox.GetRequestStatus(rateLimited), Is.EqualTo("pending"));
            Assert.That(CallsOf(rateLimited).Select(c => c.StatusCode), Is.EqualTo(new[] { 429, 429, 429 }));
            Assert.That(Line(rateLimited), Does.StartWith($"{rateLimited} cancel retry-later: "));

            // 408 → retried → approved.
            Assert.That(s.Sandbox.GetRequestStatus(timedOutOnce), Is.EqualTo("approved"));
            Assert.That(CallsOf(timedOutOnce).Select(c => c.StatusCode), Is.EqualTo(new[] { 408, 200 }));

            // Other 4xx → fail with the vendor's message.
            Assert.That(s.Sandbox.GetRequestStatus(rejected), Is.EqualTo("failed"));
            Assert.That((string?)s.Sandbox.GetRequest(rejected)!["reason"], Is.EqualTo("Cancellation is blocked by an open invoice."));
            Assert.That(Line(rejected), Is.EqualTo($"{rejected} cancel failed: Cancellation is blocked by an open invoice."));

            // 5xx → the same call retried twice with the same key, then left pending as retry-later.
            Assert.That(s.Sandbox.GetRequestStatus(down), Is.EqualTo("pending"));
            Assert.That(CallsOf(down).Select(c => (c.Path, c.StatusCode)), Is.EqualTo(Enumerable.Repeat(("/subscriptions/SUB-DOWN/cancel", 503), 3)));
            Assert.That(Line(down), Does.StartWith($"{down} cancel retry-later: "));

            // Missing subscription_id → fail naming it, vendor not called.
            Assert.That(s.Sandbox.GetRequestStatus(missing), Is.EqualTo("failed"));
            Assert.That(Line(missing), Does.StartWith($"{missing} cancel failed: ").And.Contains("subscription_id"));
            Assert.That(CallsOf(missing), Is.Empty);

            // Purchase: created with the documented body; the id is stored in subscription_id, then approved.
            var create = CallsOf(purchase).Single();
            Assert.That((create.Method, create.Path, create.StatusCode), Is.EqualTo(("POST", "/subscriptions", 201)));
            using var body = JsonDocument.Parse(create.Body!);
            Assert.That(body.RootElement.GetProperty("asset_id").GetString(), Is.EqualTo(s.AssetOf(purchase)));
            Assert.That(body.RootElement.GetProperty("product_id").GetString(), Is.EqualTo(Scenario.ProductId));
            var items = body.RootElement.GetProperty("items").EnumerateArray().ToArray();
            Assert.That(items, Has.Length.EqualTo(1));
            Assert.That(items[0].GetProperty("mpn").GetString(), Is.EqualTo("SKU-A"));
            Assert.That(items[0].GetProperty("quantity").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(items[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(3m));
            var created = s.Vendor.Subscriptions.Single(v => v.AssetId == s.AssetOf(purchase));
            Assert.That(s.Sandbox.GetRequestParameterValue(purchase, "subscription_id"), Is.EqualTo(created.Id));
            Assert.That(s.Sandbox.GetRequestStatus(purchase), Is.EqualTo("approved"));

            // subscription_id already set → no creation, approved.
            Assert.That(s.Sandbox.GetRequestStatus(existing), Is.EqualTo("approved"));
            Assert.That(s.Vendor.CreateCount(s.AssetOf(existing)), Is.Zero);
            Assert.That(CallsOf(existing), Is.Empty);

            // Purchase 4xx → fail with the message; 5xx → retried twice, retry-later.
            Assert.That(s.Sandbox.GetRequestStatus(purchaseRejected), Is.EqualTo("failed"));
            Assert.That(Line(purchaseRejected), Is.EqualTo($"{purchaseRejected} purchase failed: Seat count exceeds the credit limit."));
            Assert.That(s.Sandbox.GetRequestStatus(purchaseDown), Is.EqualTo("pending"));
            Assert.That(CallsOf(purchaseDown).Select(c => c.StatusCode), Is.EqualTo(new[] { 500, 500, 500 }));
            Assert.That(Line(purchaseDown), Does.StartWith($"{purchaseDown} purchase retry-later: "));

            // No handler → skipped and left pending.
            Assert.That(Line(suspend), Does.StartWith($"{suspend} suspend skipped: "));
            Assert.That(s.Sandbox.GetRequestStatus(suspend), Is.EqualTo("pending"));
            Assert.That(result.Stderr, Does.Contain("progress: 14/14"));
        });
    }

    [Test]
    public async Task A_creation_whose_id_could_not_be_stored_is_replayed_by_the_vendor_on_the_next_run()
    {
        await using var s = await Scenario.StartAsync();
        var purchase = s.Purchase();
        // Connect asks to wait five minutes before the id can be stored: longer than the client or a run waits (a lost
        // or broken answer would be written again within the run), so the id is not stored until the next run.
        const int attempts = 1;
        s.Sandbox.Faults.Add(FaultRule.For("PUT", $"/requests/{purchase}").ForNextCalls(attempts).RateLimit(retryAfterSeconds: 300));

        var first = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(s.Sandbox.CallLog.Count("PUT", $"/requests/{purchase}"), Is.EqualTo(attempts), first.ToString());
        Assert.That(first.StdoutLines, Does.Contain("retry-later: 1"), first.ToString());
        Assert.That(s.Sandbox.GetRequestStatus(purchase), Is.EqualTo("pending"));

        var second = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.CountLines.First(), Is.EqualTo("approved: 1"), second.ToString());

        var calls = s.Vendor.Calls.Where(c => c.IdempotencyKey == purchase).ToArray();
        Assert.That(calls.Select(c => c.Replayed), Is.EqualTo(new[] { false, true }));
        Assert.That(s.Vendor.CreateCount(s.AssetOf(purchase)), Is.EqualTo(1));
        Assert.That(s.Sandbox.GetRequestParameterValue(purchase, "subscription_id"), Is.EqualTo(s.Vendor.Subscriptions.Single().Id));
        Assert.That(s.Sandbox.GetRequestStatus(purchase), Is.EqualTo("approved"));
    }

    [Test]
    public async Task The_vendor_message_comes_from_message_then_error_then_the_raw_body_cut_to_500_characters()
    {
        await using var s = await Scenario.StartAsync();
        var headers = new ConcurrentQueue<(string Authorization, string IdempotencyKey)>();
        var longMessage = new string('x', 520) + "END";
        await using var stub = await StartStubVendorAsync(async context =>
        {
            headers.Enqueue((context.Request.Headers.Authorization.ToString(), context.Request.Headers["Idempotency-Key"].ToString()));
            var id = (string)context.Request.RouteValues["id"]!;
            (int status, string contentType, string body) = id switch
            {
                "SUB-ERROR" => (400, "application/json", """{"error":"Seats below the contract minimum."}"""),
                "SUB-BOTH" => (422, "application/json", """{"message":"Reseller is suspended.","error":"forbidden"}"""),
                "SUB-RAW" => (422, "text/plain", "Plain refusal from the vendor"),
                "SUB-LONG" => (400, "application/json", JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = longMessage })),
                _ => (200, "application/json", "{}"),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        var error = s.Cancel("SUB-ERROR");
        var both = s.Cancel("SUB-BOTH");
        var raw = s.Cancel("SUB-RAW");
        var tooLong = s.Cancel("SUB-LONG");

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(stub.BaseUrl));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string? Reason(string id) => (string?)s.Sandbox.GetRequest(id)!["reason"];
        Assert.Multiple(() =>
        {
            Assert.That(Reason(error), Is.EqualTo("Seats below the contract minimum."));
            Assert.That(Reason(both), Is.EqualTo("Reseller is suspended."));
            Assert.That(Reason(raw), Is.EqualTo("Plain refusal from the vendor"));
            Assert.That(Reason(tooLong), Is.EqualTo(new string('x', 500)));
            Assert.That(headers.Select(h => h.Authorization).Distinct(), Is.EqualTo(new[] { "Bearer " + Scenario.VendorSecret }));
            Assert.That(headers.Select(h => h.IdempotencyKey), Is.EquivalentTo(new[] { error, both, raw, tooLong }));
        });
    }

    [Platform(Exclude = "Win", Reason = "POSIX signals")]
    [TestCase(2, TestName = "Cancelled with SIGINT mid-run it exits 130 and leaves the request pending")]
    [TestCase(15, TestName = "Cancelled with SIGTERM mid-run it exits 130 and leaves the request pending")]
    public async Task Cancelled_mid_run_it_exits_130_and_leaves_the_request_pending(int signal)
    {
        await using var s = await Scenario.StartAsync();
        var slow = s.CancelOf("SUB-SLOW");
        s.Vendor.SetBehavior("SUB-SLOW", VendorBehavior.Slow(TimeSpan.FromSeconds(20)));

        using var process = SampleProcess.Start(SampleProcess.ProcessorDll, s.Environment());
        await process.WaitForOutputAsync("progress: 0/1", TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the vendor call is under way
        process.Signal(signal);
        var result = await process.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        Assert.That(result.StdoutLines, Does.Contain("retry-later: 1"), result.ToString());
        Assert.That(result.Stderr, Does.Contain("cancelled"));
        Assert.That(s.Sandbox.GetRequestStatus(slow), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Vendor_timeouts_and_connection_errors_are_retried_twice_then_retry_later()
    {
        await using var s = await Scenario.StartAsync();
        var slow = s.CancelOf("SUB-SLOW");
        s.Vendor.SetBehavior("SUB-SLOW", VendorBehavior.Slow(TimeSpan.FromSeconds(30)));

        var timedOut = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(), "--Vendor:TimeoutSeconds=1");

        Assert.That(timedOut.ExitCode, Is.Zero, timedOut.ToString());
        Assert.That(timedOut.StdoutLines.Single(l => l.StartsWith(slow, StringComparison.Ordinal)), Does.Contain("retry-later").And.Contains("timed out"), timedOut.ToString());
        Assert.That(timedOut.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        await Task.Delay(200); // the vendor records an abandoned call when it notices the disconnect
        Assert.That(s.Vendor.Calls.Count(c => c.IdempotencyKey == slow), Is.EqualTo(3));

        var refused = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(new Uri($"http://127.0.0.1:{Scenario.ClosedPort()}/")));

        Assert.That(refused.ExitCode, Is.Zero, refused.ToString());
        Assert.That(refused.StdoutLines.Single(l => l.StartsWith(slow, StringComparison.Ordinal)), Does.Contain("retry-later").And.Contains("connection error"), refused.ToString());
        Assert.That(s.Sandbox.GetRequestStatus(slow), Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_missing_template_leaves_requests_retry_later_naming_product_and_template_and_a_template_id_wins()
    {
        await using var s = await Scenario.StartAsync();
        var cancel = s.CancelOf("SUB-1");

        var missing = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(), "--Fulfillment:ApproveTemplateName=Welcome Letter");
        Assert.That(missing.ExitCode, Is.Zero, missing.ToString());
        Assert.That(missing.StdoutLines, Does.Contain("retry-later: 1"), missing.ToString());
        Assert.That(missing.StdoutLines.Single(l => l.StartsWith(cancel, StringComparison.Ordinal)), Does.Contain("retry-later").And.Contains(Scenario.ProductId).And.Contains("Welcome Letter"));
        Assert.That(s.Sandbox.GetRequestStatus(cancel), Is.EqualTo("pending"));

        // The vendor already cancelled it: the next run gets 409 and approves with the template id, whatever the name says.
        var byId = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(), "--Fulfillment:ApproveTemplateName=Welcome Letter", "--Fulfillment:ApproveTemplateId=TL-100-200-300");
        Assert.That(byId.CountLines.First(), Is.EqualTo("approved: 1"), byId.ToString());
        Assert.That(s.Vendor.CancelCount("SUB-1"), Is.EqualTo(1));
        Assert.That(s.Sandbox.CallLog.Count(e => e.Matches("POST", $"/requests/{cancel}/approve") && (string?)e.ParseBody()?["template_id"] == "TL-100-200-300"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_dry_run_calls_no_vendor_and_changes_nothing()
    {
        await using var s = await Scenario.StartAsync();
        var cancel = s.CancelOf("SUB-1");
        var purchase = s.Purchase();

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment(), "--Fulfillment:DryRun=true");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.CountLines.Take(5), Is.EqualTo(new[] { "approved: 0", "failed: 0", "inquired: 0", "skipped: 2", "retry-later: 0" }), result.ToString());
        Assert.That(s.Vendor.Calls, Is.Empty);
        Assert.That(new[] { s.Sandbox.GetRequestStatus(cancel), s.Sandbox.GetRequestStatus(purchase) }, Is.All.EqualTo("pending"));
        Assert.That(result.StdoutLines, Has.One.Match("^dry run: checked .*not checked: the vendor .*nothing was written to Connect$"), "the dry run says plainly what it did and did not check");
    }

    [Test]
    public async Task A_wrong_Connect_key_exits_3_with_one_line_and_never_prints_the_key()
    {
        await using var s = await Scenario.StartAsync();
        s.Cancel("SUB-1");
        var environment = s.Environment();
        environment["Connect__ApiKey"] = "ApiKey SU-999-999-999:wrong-key-d41d8cd9";
        environment["Logging__LogLevel__Default"] = "Trace";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1).Contains("Connect:ApiKey"));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("wrong-key-d41d8cd9").And.Not.Contain(Scenario.VendorSecret));
        Assert.That(result.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task An_unreachable_endpoint_exits_4_with_one_clear_line()
    {
        await using var s = await Scenario.StartAsync();
        var environment = s.Environment();
        environment["Connect__Endpoint"] = $"http://127.0.0.1:{Scenario.ClosedPort()}/public/v1";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment);

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StderrLines, Has.Exactly(1).StartsWith("error: Connect could not be reached"), result.ToString());
        Assert.That(result.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task An_unreadable_list_page_exits_4_with_one_clear_line()
    {
        await using var s = await Scenario.StartAsync();
        s.CancelOf("SUB-1");
        // The count (limit=0) succeeds; the page the pipeline reads is not JSON.
        s.Sandbox.Faults.Add(FaultRule.For("GET", "/requests").When(c => !c.Query.Contains("limit=0", StringComparison.Ordinal)).MalformedJson());

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, s.Environment());

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StderrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1).Items, result.ToString());
        Assert.That(result.Stderr, Does.Not.Contain("   at "));
        Assert.That(s.Vendor.Calls, Is.Empty);
    }

    [Test]
    public async Task At_Trace_level_no_output_contains_the_Connect_or_vendor_key()
    {
        await using var s = await Scenario.StartAsync();
        s.CancelOf("SUB-1");
        s.Purchase();
        var down = s.CancelOf("SUB-2");
        s.Vendor.SetBehavior("SUB-2", VendorBehavior.Failure(502, times: 1));
        var environment = s.Environment();
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__Polly"] = "Trace";

        var result = await SampleProcess.RunAsync(SampleProcess.ProcessorDll, environment, "--Connect:ApiKey", "ApiKey " + Scenario.ConnectSecret);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.CountLines.First(), Is.EqualTo("approved: 3"), result.ToString());
        Assert.That(result.Stderr, Does.Contain("trce:").Or.Contains("dbug:"), "Trace logging was not on");
        var secretPart = Scenario.ConnectSecret.Split(':')[1];
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(secretPart).And.Not.Contain(Scenario.VendorSecret));
        Assert.That(s.Sandbox.GetRequestStatus(down), Is.EqualTo("approved"));
    }

    private static async Task<StubVendor> StartStubVendorAsync(RequestDelegate cancel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/subscriptions/{id}/cancel", cancel);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StubVendor(app, new Uri(address));
    }

    private sealed class StubVendor(WebApplication app, Uri baseUrl) : IAsyncDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
