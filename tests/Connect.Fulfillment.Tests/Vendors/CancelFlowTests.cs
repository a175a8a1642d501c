using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Vendors;

/// <summary>The reference flow: a cancel request, the vendor's answer, and what the pipeline does in Connect.</summary>
public class CancelFlowTests : VendorTestBase
{
    private FulfillmentPipeline HttpPipeline(Action<FulfillmentPipelineOptions>? configure = null)
        => BuildPipeline(b => b.AddVendorCancelAdapter<FakeVendorCancelAdapter>(), AddVendorHttpClient<FakeVendorCancelAdapter>, configure);

    private string SeedCancel(string subscriptionId = "SUB-1")
    {
        var id = AddRequest("cancel", subscriptionId: subscriptionId);
        Vendor.SeedSubscription(subscriptionId, Sandbox.GetRequestAssetId(id), Product);
        return id;
    }

    [Test]
    public async Task Cancelled_by_the_vendor_approves_and_Connect_terminates_the_subscription()
    {
        var id = SeedCancel();

        var summary = await HttpPipeline().RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Vendor.CancelCount("SUB-1"), Is.EqualTo(1));
            Assert.That(Vendor.GetSubscription("SUB-1")!.Status, Is.EqualTo("cancelled"));
            Assert.That(Vendor.Calls.Single().IdempotencyKey, Is.EqualTo(id), "the idempotency key is the Connect request id");
            Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/approve" }));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("approved"));
            Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("terminated"));
        });
    }

    [Test]
    public async Task Already_cancelled_at_the_vendor_approves()
    {
        var id = SeedCancel();
        Vendor.SetBehavior("SUB-1", VendorBehavior.AlreadyCancelled());

        var summary = await HttpPipeline().RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(id)!), Is.EqualTo("terminated"));
    }

    [Test]
    public async Task Not_found_at_the_vendor_fails_with_a_reason_naming_the_subscription()
    {
        var id = SeedCancel();
        Vendor.SetBehavior("SUB-1", VendorBehavior.NotFound("No subscription with this id."));

        var summary = await HttpPipeline().RunOnceAsync();

        var reason = (string?)Sandbox.GetRequest(id)!["reason"];
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(reason, Does.Contain("SUB-1").And.Contain("not found").And.Contain("No subscription with this id."));
            Assert.That(ResultOf(summary, id).Reason, Is.EqualTo(reason));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/fail" }));
        });
    }

    [Test]
    public async Task Rejected_by_the_vendor_fails_with_the_vendor_message()
    {
        var id = SeedCancel();
        Vendor.SetBehavior("SUB-1", VendorBehavior.Rejected("Subscriptions under a legal hold cannot be cancelled."));

        var summary = await HttpPipeline().RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That((string?)Sandbox.GetRequest(id)!["reason"], Is.EqualTo("Subscriptions under a legal hold cannot be cancelled."));
    }

    [Test]
    public async Task A_transient_vendor_failure_is_retry_later_and_the_next_run_cancels_with_the_same_key()
    {
        var id = SeedCancel();
        Vendor.SetBehavior("SUB-1", VendorBehavior.Failure(503, times: 1));
        var pipeline = HttpPipeline();

        var first = await pipeline.RunOnceAsync();

        Assert.That(ResultOf(first, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(ResultOf(first, id).Reason, Does.Contain("SUB-1").And.Contain("503"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));

        var second = await pipeline.RunOnceAsync();

        Assert.That(ResultOf(second, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(Vendor.Calls.Select(c => c.IdempotencyKey), Is.EqualTo(new[] { id, id }));
        Assert.That(Vendor.CancelCount("SUB-1"), Is.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public async Task A_missing_or_empty_subscription_id_fails_naming_the_parameter_without_calling_the_vendor(string? value)
    {
        var id = AddRequest("cancel", subscriptionId: value);
        var adapter = new ScriptedAdapter(VendorResult.Success());

        var summary = await BuildPipeline(b => b.AddVendorCancelAdapter<ScriptedAdapter>(), s => s.AddSingleton(adapter)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That((string?)Sandbox.GetRequest(id)!["reason"], Does.Contain("'subscription_id'"));
        Assert.That(adapter.Calls, Is.Empty);
    }

    [Test]
    public async Task A_request_without_the_parameter_at_all_fails_too()
    {
        var id = Sandbox.Requests.Add(r => r.Type("cancel").Product(Product));
        var adapter = new ScriptedAdapter(VendorResult.Success());

        var summary = await BuildPipeline(b => b.AddVendorCancelAdapter<ScriptedAdapter>(), s => s.AddSingleton(adapter)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That(ResultOf(summary, id).Reason, Does.Contain("'subscription_id'"));
        Assert.That(adapter.Calls, Is.Empty);
    }

    [Test]
    public async Task The_subscription_id_parameter_is_configurable()
    {
        var id = Sandbox.Requests.Add(r => r.Type("cancel").Product(Product).Parameter("vendor_ref", value: "V-77"));
        var adapter = new ScriptedAdapter(VendorResult.Success());

        var summary = await BuildPipeline(b => b.AddVendorCancelAdapter<ScriptedAdapter>(o => o.SubscriptionIdParameter = "vendor_ref"), s => s.AddSingleton(adapter)).RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(adapter.Calls.Single().ExternalSubscriptionId, Is.EqualTo("V-77"));
    }

    [Test]
    public async Task An_adapter_that_throws_is_retry_later()
    {
        var id = AddRequest("cancel");
        var adapter = new ScriptedAdapter(_ => throw new HttpRequestException("connection refused"));

        var summary = await BuildPipeline(b => b.AddVendorCancelAdapter<ScriptedAdapter>(), s => s.AddSingleton(adapter)).RunOnceAsync();

        var result = ResultOf(summary, id);
        Assert.That(result.Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(result.Reason, Does.Contain("SUB-1").And.Contain("connection refused"));
        Assert.That(Writes(), Is.Empty);
    }

    [Test]
    public async Task The_adapter_gets_the_request_the_subscription_id_and_the_request_id_as_idempotency_key()
    {
        var id = AddRequest("cancel", subscriptionId: " SUB-9 ");
        var adapter = new ScriptedAdapter(VendorResult.Success());

        await BuildPipeline(b => b.AddVendorCancelAdapter<ScriptedAdapter>(), s => s.AddSingleton(adapter)).RunOnceAsync();

        var call = adapter.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.IdempotencyKey, Is.EqualTo(id));
            Assert.That(call.ExternalSubscriptionId, Is.EqualTo("SUB-9"), "trimmed");
            Assert.That(call.Request.Id, Is.EqualTo(id));
            Assert.That(call.Asset?.Id, Is.EqualTo(Sandbox.GetRequestAssetId(id)));
        });
    }

    [Test]
    public async Task Dry_run_does_not_call_the_vendor_nor_write_to_Connect()
    {
        var id = SeedCancel();

        var summary = await HttpPipeline(o => o.DryRun = true).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Vendor.Calls, Is.Empty);
            Assert.That(Sandbox.CallLog.Count(e => e.Method is "PUT" or "POST"), Is.Zero);
            Assert.That(ResultOf(summary, id).IsDryRun, Is.True);
            Assert.That(ResultOf(summary, id).Reason, Does.Contain("dry run"));
            Assert.That(Sandbox.GetRequestStatus(id), Is.EqualTo("pending"));
        });
    }
}
