using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Models;

/// <summary>
/// One set of lookups for every owner of parameters or items, in the same three forms: <c>Find…</c> returns null,
/// <c>Get…</c> throws naming what is missing, <c>TryGet…</c> returns false.
/// </summary>
public class LookupShapeTests
{
    private static readonly Parameter Plan = new() { Id = "plan", Name = "plan", Phase = ParameterPhase.Ordering, Value = "pro" };
    private static readonly Parameter Region = new() { Id = "region", Phase = ParameterPhase.Configuration, Value = "eu" };

    private static IEnumerable<TestCaseData> Owners()
    {
        var asset = new Asset { Id = "AS-1", Parameters = [Plan], Configuration = new ParameterList { Parameters = [Region] } };
        yield return new TestCaseData(new FulfillmentRequest { Id = "PR-1", Asset = asset }, "request PR-1").SetName("Fulfillment request");
        yield return new TestCaseData(asset, "asset AS-1").SetName("Asset");
        yield return new TestCaseData(
            new TierConfigRequest { Id = "TCR-1", Parameters = [Plan], Configuration = new TierConfiguration { Id = "TC-1", Parameters = [Region] } },
            "tier configuration request TCR-1").SetName("Tier configuration request");
    }

    [TestCaseSource(nameof(Owners))]
    public void Every_owner_has_the_same_three_forms(IParameterOwner owner, string named)
    {
        Assert.Multiple(() =>
        {
            Assert.That(owner.FindParameter("plan"), Is.SameAs(Plan));
            Assert.That(owner.FindParameter("nope"), Is.Null);
            Assert.That(owner.GetParameter(ParameterPhase.Ordering, "plan"), Is.SameAs(Plan));
            Assert.That(owner.FindParameter(ParameterPhase.Fulfillment, "plan"), Is.Null);
            Assert.That(owner.TryGetParameter(ParameterPhase.Ordering, "plan", out var byPhase) && byPhase == Plan, Is.True);
            Assert.That(owner.TryGetParameter("nope", out _), Is.False);
            Assert.That(owner.GetNonEmptyParameterValue("plan"), Is.EqualTo("pro"));
            Assert.That(owner.FindParameterValue("plan"), Is.EqualTo("pro"));
            Assert.That(owner.FindParameterValue("nope"), Is.Null);
            Assert.That(owner.FindParameterValue(ParameterPhase.Ordering, "plan"), Is.EqualTo("pro"));
            Assert.That(owner.FindParameterValue(ParameterPhase.Fulfillment, "plan"), Is.Null);
            Assert.That(owner.FindNonEmptyParameterValue("plan"), Is.EqualTo("pro"));
            Assert.That(owner.FindNonEmptyParameterValue("nope"), Is.Null);
            Assert.That(owner.FindConfigurationParameter("region"), Is.SameAs(Region));
            Assert.That(owner.FindConfigurationParameter("plan"), Is.Null);
            Assert.That(owner.TryGetConfigurationParameter("region", out _), Is.True);
            Assert.That(() => owner.GetParameter("nope"), Throws.TypeOf<ParameterNotFoundException>().With.Message.EqualTo($"Parameter 'nope' was not found on {named}."));
            Assert.That(() => owner.GetConfigurationParameter("nope"), Throws.TypeOf<ParameterNotFoundException>().With.Message.Contains($"in the configuration of {named}"));
        });
    }

    [Test]
    public void A_tier_configuration_is_an_owner_of_its_own_parameters()
    {
        var configuration = new TierConfiguration { Id = "TC-1", Parameters = [Region] };

        Assert.Multiple(() =>
        {
            Assert.That(configuration.GetParameterValue("region"), Is.EqualTo("eu"));
            Assert.That(configuration.FindConfigurationParameter("region"), Is.Null);
            Assert.That(() => configuration.GetParameter("x"), Throws.TypeOf<ParameterNotFoundException>().With.Property(nameof(ParameterNotFoundException.OwnerId)).EqualTo("TC-1"));
        });
    }

    [Test]
    public void Requests_and_assets_share_the_item_lookups()
    {
        var item = new Item { Id = "SKU1", Mpn = "MPN-1", GlobalId = "PRD-1-0001", Quantity = "2" };
        var asset = new Asset { Id = "AS-1", Items = [item] };
        IItemOwner[] owners = [asset, new FulfillmentRequest { Id = "PR-1", Asset = asset }];

        Assert.Multiple(() =>
        {
            foreach (var owner in owners)
            {
                Assert.That(owner.FindItem("SKU1"), Is.SameAs(item));
                Assert.That(owner.GetItemByMpn("MPN-1"), Is.SameAs(item));
                Assert.That(owner.TryGetItemByGlobalId("PRD-1-0001", out var found) && found == item, Is.True);
                Assert.That(owner.FindItemByMpn("nope"), Is.Null);
                Assert.That(owner.GetItemChanges().Added.Single(), Is.SameAs(item));
                Assert.That(() => owner.GetItem("nope"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains(owner.Id!));
            }
        });
    }

    [Test]
    public void A_request_without_asset_has_no_parameters_or_items()
    {
        var request = new FulfillmentRequest { Id = "PR-1" };

        Assert.Multiple(() =>
        {
            Assert.That(request.FindParameter("x"), Is.Null);
            Assert.That(request.FindConfigurationParameter("x"), Is.Null);
            Assert.That(request.FindItem("x"), Is.Null);
            Assert.That(request.GetItemChanges().HasChanges, Is.False);
        });
    }
}
