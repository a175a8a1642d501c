using System.Text;
using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>A page is read item by item with the generated metadata: a bad item is reported alone, a broken page fails.</summary>
public class PageReaderTests
{
    private static List<FulfillmentRequest> Read(string json, List<UnreadableItem> unreadable, int offset = 0)
        => PageReader.ReadItems(Encoding.UTF8.GetBytes(json), ConnectJsonContext.Default.FulfillmentRequest, offset, unreadable);

    [Test]
    public void An_unreadable_item_is_skipped_and_reported_alone_with_its_path()
    {
        var unreadable = new List<UnreadableItem>();

        var items = Read("""
            [{"id":"PR-1"},{"id":"PR-2","asset":{"params":[{"id":"p","value_choices":"s3cr3t"}]}},{"id":"PR-3","asset":[]},{"id":"PR-4"}]
            """, unreadable, offset: 100);

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.Id), Is.EqualTo(new[] { "PR-1", "PR-4" }));
            Assert.That(unreadable.Select(u => (u.Position, u.Id)), Is.EqualTo(new[] { (101, (string?)"PR-2"), (102, (string?)"PR-3") }));
            Assert.That(unreadable[0].Error, Does.StartWith("not a valid FulfillmentRequest: ").And.EndWith("Path: $.asset.params[0].value_choices.").And.Not.Contain("s3cr3t"));
            Assert.That(unreadable[1].Error, Does.EndWith("Path: $.asset."));
        });
    }

    [TestCase("""[{"id":"PR-1"},{"id":""")]
    [TestCase("""{"id":"PR-1"}""")]
    [TestCase("""[{"id":"PR-1"}] []""")]
    [TestCase("")]
    public void A_page_that_is_not_one_json_array_fails(string json)
        => Assert.Throws(Is.InstanceOf<JsonException>(), () => Read(json, []));

    [Test]
    public void Items_of_both_value_choices_forms_are_read()
    {
        var items = Read("""
            [{"id":"PR-1","asset":{"params":[{"id":"p","value_choices":["a"]}]}},{"id":"PR-2","asset":{"params":[{"id":"p","value_choices":[{"value":"a"}]}]}}]
            """, []);

        Assert.That(items.Select(i => i.GetParameter("p").ValueChoices.Single().Value), Is.EqualTo(new[] { "a", "a" }));
    }
}
