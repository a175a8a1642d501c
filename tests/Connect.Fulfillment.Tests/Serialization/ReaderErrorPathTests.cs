using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>
/// The serializer only knows the path down to the model it was asked for; the hand-written readers below it add where
/// inside the model a value has the wrong shape, so an error (and an unreadable list item) says where to look.
/// </summary>
public class ReaderErrorPathTests
{
    [TestCase("""{"id":"PR-1","asset":"oops"}""", "Path: $.asset.")]
    [TestCase("""{"id":"PR-1","asset":{"params":[{"id":"a"},{"id":"b","value_choices":"oops"}]}}""", "Path: $.asset.params[1].value_choices.")]
    [TestCase("""{"id":"PR-1","asset":{"connection":"oops"}}""", "Path: $.asset.connection.")]
    [TestCase("""{"id":"PR-1","asset":{"tiers":{"customer":[1]}}}""", "Path: $.asset.tiers.customer.")]
    public void A_wrong_shape_deep_in_a_request_is_reported_with_its_path(string json, string path)
    {
        var error = Assert.Catch<JsonException>(() => ConnectJson.DeserializeRequest(json));

        Assert.That(error!.Message, Does.Contain(path));
        Assert.That(error.GetType(), Is.EqualTo(typeof(JsonException)), "only the documented exception type escapes");
    }

    [Test]
    public void The_path_names_where_the_fault_is_and_never_the_value()
    {
        var error = Assert.Catch<JsonException>(() => ConnectJson.DeserializeRequest("""{"id":"PR-1","asset":{"params":[{"id":"p","value_choices":"s3cr3t-value"}]}}"""));

        Assert.That(error!.Message, Does.Not.Contain("s3cr3t-value"));
    }
}
