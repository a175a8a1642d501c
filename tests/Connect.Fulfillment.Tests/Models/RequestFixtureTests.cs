using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Tests.Models;

public class RequestFixtureTests
{
    [Test]
    public void Cancel_request_fixture_reads_type_status_asset_and_items()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_cancel.acronis-processor.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-6348-1627-6252-001"));
            Assert.That(request.Type, Is.EqualTo(RequestType.Cancel));
            Assert.That(request.Status, Is.EqualTo(RequestStatus.TiersSetup));
            Assert.That(request.Assignee, Is.Null);
            Assert.That(request.Environment, Is.EqualTo(ConnectionType.Preview));
            Assert.That(request.ProductId, Is.EqualTo("PRD-376-646-770"));
            Assert.That(request.Asset!.Items.Select(i => (i.Mpn, i.QuantityValue, i.OldQuantityValue)),
                Is.EqualTo(new[] { ("BU3655GB", 1m, 0m), ("BU10", 0m, 1m) }));
            Assert.That(request.Asset.Tiers!.Tier2!.Id, Is.Null);
            Assert.That(request.Created, Is.EqualTo(DateTimeOffset.Parse("2019-05-22T09:36:12.848598+00:00")));
        });
    }

    [Test]
    public void Numeric_id_and_object_assignee_are_read()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase.acronis-processor.json"));
        var listed = ConnectJson.DeserializeRequests(Fixtures.Read("requests_list_purchase_approved.python-sdk.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("1560505275"));
            Assert.That(listed, Has.Count.EqualTo(1));
            Assert.That(listed[0].Status, Is.EqualTo(RequestStatus.Approved));
            Assert.That(listed[0].Assignee?.Id, Is.Not.Null.And.Not.Empty);
        });
    }
}
