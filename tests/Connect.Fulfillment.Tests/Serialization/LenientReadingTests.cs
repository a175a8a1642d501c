using System.Text.Json;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Serialization;

/// <summary>
/// What users rely on from the generated reader: Connect's loose typing (numbers and booleans as strings and back),
/// values Connect adds later kept rather than rejected, and nulls where lists are expected.
/// </summary>
public class LenientReadingTests
{
    [Test]
    public void Numbers_read_as_strings_and_numeric_strings_as_numbers()
    {
        var request = ConnectJson.DeserializeRequest("""
            {"id":"PR-1","asset":{"items":[{"id":"i","quantity":12.5,"old_quantity":"3"}],
             "params":[{"id":"p","value":42,"constraints":{"min_length":"2","max_length":7}}]}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(request.Asset!.Items.Single().Quantity, Is.EqualTo("12.5"));
            Assert.That(request.Asset.Items.Single().QuantityValue, Is.EqualTo(12.5m));
            Assert.That(request.Asset.Items.Single().OldQuantityValue, Is.EqualTo(3m));
            Assert.That(request.GetParameterValue("p"), Is.EqualTo("42"));
            Assert.That(request.GetParameter("p").Constraints!.MinLength, Is.EqualTo(2));
            Assert.That(request.GetParameter("p").Constraints!.MaxLength, Is.EqualTo(7));
        });
    }

    [TestCase("true", true)]
    [TestCase("\"true\"", true)]
    [TestCase("\"False\"", false)]
    [TestCase("1", true)]
    [TestCase("\"0\"", false)]
    [TestCase("\"maybe\"", null)]
    public void Booleans_read_from_strings_and_numbers(string json, bool? expected)
    {
        var request = ConnectJson.DeserializeRequest($$"""{"id":"PR-1","answered":{{json}}}""");

        Assert.That(request.Answered, Is.EqualTo(expected));
    }

    [Test]
    public void Unknown_values_survive_as_string_backed_values_and_are_written_back()
    {
        var request = ConnectJson.DeserializeRequest("""{"id":"PR-1","type":"transfer_v2","status":"frozen","asset":{"status":7,"connection":{"type":"staging"}}}""");

        var written = ConnectJson.DeserializeRequest(ConnectJson.Serialize(request));

        Assert.Multiple(() =>
        {
            Assert.That(request.Type.Value, Is.EqualTo("transfer_v2"));
            Assert.That(request.Status.Value, Is.EqualTo("frozen"));
            Assert.That(request.Asset!.Status.Value, Is.EqualTo("7"));
            Assert.That(request.Environment.Value, Is.EqualTo("staging"));
            Assert.That(written.Type, Is.EqualTo(request.Type));
            Assert.That(written.Status, Is.EqualTo(request.Status));
        });
    }

    [Test]
    public void Null_lists_read_as_empty_lists()
    {
        var request = ConnectJson.DeserializeRequest("""{"id":"PR-1","asset":{"items":null,"params":null,"configuration":{"params":null}}}""");
        var tier = ConnectJson.DeserializeTierConfigRequest("""{"id":"TCR-1","params":null,"configuration":{"params":null}}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Asset!.Items, Is.Empty);
            Assert.That(request.Asset.Parameters, Is.Empty);
            Assert.That(request.Asset.Configuration!.Parameters, Is.Empty);
            Assert.That(tier.Parameters, Is.Empty);
            Assert.That(tier.Configuration!.Parameters, Is.Empty);
        });
    }

    [Test]
    public void Unknown_fields_are_ignored_and_the_wire_name_of_parameters_stays_params()
    {
        var request = ConnectJson.DeserializeRequest("""{"id":"PR-1","brand_new":{"x":[1]},"asset":{"params":[{"id":"p"}],"parameters":[{"id":"ignored"}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Asset!.Parameters.Select(p => p.Id), Is.EqualTo(new[] { "p" }));
            Assert.That(ConnectJson.Serialize(request), Does.Contain("\"params\":[").And.Not.Contain("\"parameters\""));
        });
    }

    [Test]
    public void A_body_that_is_not_json_fails_with_JsonException()
        => Assert.Throws(Is.InstanceOf<JsonException>(), () => ConnectJson.DeserializeRequest("{\"id\":"));
}
