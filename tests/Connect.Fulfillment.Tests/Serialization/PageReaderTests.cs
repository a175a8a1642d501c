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
    public void An_item_may_nest_64_levels_like_a_single_object_and_one_level_more_is_reported_alone_with_its_id()
    {
        // The item itself is the first level.
        static string Item(string id, int levels) => $$"""{"extra":{{new string('[', levels - 1)}}{{new string(']', levels - 1)}},"id":"{{id}}"}""";
        var unreadable = new List<UnreadableItem>();

        var items = Read($"[{Item("PR-64", 64)},{Item("PR-65", 65)},{Item("PR-100000", 100_000)}]", unreadable);

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.Id), Is.EqualTo(new[] { "PR-64" }));
            Assert.That(unreadable.Select(u => (u.Position, u.Id)), Is.EqualTo(new[] { (1, (string?)"PR-65"), (2, (string?)"PR-100000") }));
            Assert.That(unreadable[0].Error, Is.EqualTo("not a valid FulfillmentRequest: nested 65 levels deep, more than the 64 allowed."));
        });
    }

    [Test]
    public void A_page_nested_deeper_than_the_scan_depth_fails_as_a_whole()
    {
        var levels = JsonDepth.ScanMaxDepth + 1;
        Assert.Throws(Is.InstanceOf<JsonException>(), () => Read("[" + new string('[', levels) + new string(']', levels) + "]", []));
    }

    [Test]
    public void Items_of_both_value_choices_forms_are_read()
    {
        var items = Read("""
            [{"id":"PR-1","asset":{"params":[{"id":"p","value_choices":["a"]}]}},{"id":"PR-2","asset":{"params":[{"id":"p","value_choices":[{"value":"a"}]}]}}]
            """, []);

        Assert.That(items.Select(i => i.GetParameter("p").ValueChoices.Single().Value), Is.EqualTo(new[] { "a", "a" }));
    }
}
