using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Testing;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Fulfillment.Tests.Vendors;

public class PurchaseAndPeerFlowTests : VendorTestBase
{
    private FulfillmentPipeline PurchasePipeline()
        => BuildPipeline(b => b.AddVendorPurchaseAdapter<FakeVendorPurchaseAdapter>(), AddVendorHttpClient<FakeVendorPurchaseAdapter>);

    private string SeedPurchase(string? subscriptionId = null)
        => Sandbox.Requests.Add(r => r.Type("purchase").Product(Product)
            .Parameter("subscription_id", value: subscriptionId, required: true)
            .Item("SKU-1", quantity: 3));

    [Test]
    public async Task Purchase_creates_the_subscription_stores_its_id_then_approves()
    {
        var id = SeedPurchase();
        var assetId = Sandbox.GetRequestAssetId(id)!;

        var summary = await PurchasePipeline().RunOnceAsync();

        var created = Vendor.Subscriptions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(created.AssetId, Is.EqualTo(assetId));
            Assert.That(Vendor.Calls.Single().IdempotencyKey, Is.EqualTo(id));
            Assert.That(Writes(id), Is.EqualTo(new[] { $"PUT /requests/{id}", $"POST /requests/{id}/approve" }), "the id is stored before the approve");
            Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo(created.Id));
            Assert.That(Sandbox.GetAssetStatus(assetId), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task Purchase_with_the_parameter_already_set_does_not_create_again()
    {
        var id = SeedPurchase("SUB-EARLIER");

        var summary = await PurchasePipeline().RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Approved));
        Assert.That(Vendor.Calls, Is.Empty);
        Assert.That(Writes(id), Is.EqualTo(new[] { $"POST /requests/{id}/approve" }));
    }

    [Test]
    public async Task When_the_approve_after_a_create_is_lost_the_next_run_approves_without_creating_again()
    {
        var id = SeedPurchase();
        var lost = Sandbox.Faults.Add(FaultRule.For("POST", "/requests/*/approve").ServerError());
        var pipeline = PurchasePipeline();

        var first = await pipeline.RunOnceAsync();
        Assert.That(ResultOf(first, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.Not.Empty, "the vendor id was stored before the approve");

        Sandbox.Faults.Remove(lost);
        var second = await pipeline.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(second, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Vendor.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/subscriptions", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(Vendor.Subscriptions, Has.Count.EqualTo(1));
            Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.EqualTo(new FulfillmentPipelineOptions().MaxTransitionAttempts + 1), "each attempt of run 1 proven not applied, then one in run 2");
        });
    }

    [Test]
    public async Task When_storing_the_id_fails_the_next_run_creates_with_the_same_key_and_the_vendor_replays()
    {
        var id = SeedPurchase();
        var broken = Sandbox.Faults.Add(FaultRule.For("PUT", "/requests/*").ServerError());
        var pipeline = PurchasePipeline();

        var first = await pipeline.RunOnceAsync();
        Assert.That(ResultOf(first, id).Status, Is.EqualTo(RequestResultStatus.RetryLater));
        Assert.That(CountCalls("POST", $"/requests/{id}/approve"), Is.Zero);

        Sandbox.Faults.Remove(broken);
        var second = await pipeline.RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(second, id).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Vendor.Calls.Select(c => c.IdempotencyKey), Is.EqualTo(new[] { id, id }));
            Assert.That(Vendor.Calls.Last().Replayed, Is.True);
            Assert.That(Vendor.Subscriptions, Has.Count.EqualTo(1), "one vendor subscription in the end");
            Assert.That(Sandbox.GetRequestParameterValue(id, "subscription_id"), Is.EqualTo(Vendor.Subscriptions.Single().Id));
        });
    }

    [Test]
    public async Task A_purchase_the_vendor_refuses_fails_with_its_message()
    {
        var id = SeedPurchase();
        Vendor.SetBehavior(Sandbox.GetRequestAssetId(id)!, VendorBehavior.Rejected("Region not served."));

        var summary = await PurchasePipeline().RunOnceAsync();

        Assert.That(ResultOf(summary, id).Status, Is.EqualTo(RequestResultStatus.Failed));
        Assert.That((string?)Sandbox.GetRequest(id)!["reason"], Is.EqualTo("Region not served."));
    }

    [Test]
    public async Task Change_suspend_and_resume_route_to_their_adapters()
    {
        var change = AddRequest("change", subscriptionId: "SUB-C");
        var suspend = AddRequest("suspend", subscriptionId: "SUB-S");
        var resume = AddRequest("resume", subscriptionId: "SUB-R");
        var cancel = AddRequest("cancel", subscriptionId: "SUB-X");
        var adapter = new ScriptedAdapter(VendorResult.Success());

        var summary = await BuildPipeline(
            b => b.AddVendorChangeAdapter<ScriptedAdapter>().AddVendorSuspendAdapter<ScriptedAdapter>().AddVendorResumeAdapter<ScriptedAdapter>(),
            s => s.AddSingleton(adapter)).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(adapter.Actions, Is.EquivalentTo(new[] { ("change", change), ("suspend", suspend), ("resume", resume) }));
            Assert.That(adapter.Calls.Select(c => c.ExternalSubscriptionId), Is.EquivalentTo(new[] { "SUB-C", "SUB-S", "SUB-R" }));
            Assert.That(adapter.Calls.Select(c => c.IdempotencyKey), Is.EquivalentTo(new[] { change, suspend, resume }));
            Assert.That(ResultOf(summary, change).Status, Is.EqualTo(RequestResultStatus.Approved));
            Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(suspend)!), Is.EqualTo("suspended"));
            Assert.That(Sandbox.GetAssetStatus(Sandbox.GetRequestAssetId(resume)!), Is.EqualTo("active"));
            Assert.That(ResultOf(summary, cancel).Status, Is.EqualTo(RequestResultStatus.Skipped), "no cancel adapter registered");
        });
    }

    [Test]
    public async Task Peers_map_vendor_answers_like_the_cancel_flow()
    {
        var notFound = AddRequest("suspend", subscriptionId: "SUB-GONE");
        var transient = AddRequest("suspend", subscriptionId: "SUB-BUSY");
        var already = AddRequest("suspend", subscriptionId: "SUB-DONE");
        var adapter = new ScriptedAdapter(c => c.ExternalSubscriptionId switch
        {
            "SUB-GONE" => VendorResult.NotFound("unknown subscription"),
            "SUB-BUSY" => VendorResult.TransientFailure("rate limited"),
            _ => VendorResult.AlreadyDone(),
        });

        var summary = await BuildPipeline(b => b.AddVendorSuspendAdapter<ScriptedAdapter>(), s => s.AddSingleton(adapter)).RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResultOf(summary, notFound).Status, Is.EqualTo(RequestResultStatus.Failed));
            Assert.That(ResultOf(summary, notFound).Reason, Does.Contain("SUB-GONE"));
            Assert.That(ResultOf(summary, transient).Status, Is.EqualTo(RequestResultStatus.RetryLater));
            Assert.That(ResultOf(summary, transient).Reason, Does.Contain("rate limited"));
            Assert.That(ResultOf(summary, already).Status, Is.EqualTo(RequestResultStatus.Approved));
        });
    }
}
