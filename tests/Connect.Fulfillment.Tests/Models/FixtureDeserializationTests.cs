using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;
using Connect.Fulfillment.Tests.Client;

namespace Connect.Fulfillment.Tests.Models;

/// <summary>Every real fixture reads into the typed models with the right values.</summary>
public class FixtureDeserializationTests
{
    private static readonly string[] RequestFixtures =
    [
        "request_purchase_pending.processor-template.json",
        "request_purchase_params_filled.processor-template.json",
        "request_purchase_draft_validation.processor-template.json",
        "request_purchase_pending.devops-testing-library.json",
        "request_purchase_pending.processors-toolkit.json",
        "request_purchase_pending_put_response.python-sdk.json",
        "request_suspend_pending.mulesoft.json",
        "request_purchase.acronis-processor.json",
        "request_change.acronis-processor.json",
        "request_suspend.acronis-processor.json",
        "request_resume.acronis-processor.json",
        "request_cancel.acronis-processor.json",
    ];

    [TestCaseSource(nameof(RequestFixtures))]
    public void Every_request_fixture_reads_id_type_status_asset_and_product(string fixture)
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read(fixture));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.Not.Null.And.Not.Empty);
            Assert.That(request.Type.Value, Is.Not.Null.And.Not.Empty);
            Assert.That(request.Status.Value, Is.Not.Null.And.Not.Empty);
            Assert.That(request.Asset?.Id, Does.StartWith("AS-"));
            Assert.That(request.ProductId, Does.StartWith("PRD-"));
            Assert.That(request.Asset!.Items, Is.Not.Empty);
            Assert.That(request.Asset.Parameters, Is.Not.Empty);
            Assert.That(request.Asset.Tiers?.Customer?.Id, Does.StartWith("TA-"));
        });
    }

    [Test]
    public void Processor_template_pending_purchase()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.processor-template.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(request.Type, Is.EqualTo(RequestType.Purchase));
            Assert.That(request.Status, Is.EqualTo(RequestStatus.Pending));
            Assert.That(request.Assignee, Is.Null, "an empty assignee string means unassigned");
            Assert.That(request.Answered, Is.False);
            Assert.That(request.Environment, Is.EqualTo(ConnectionType.Preview));
            Assert.That(request.ProductId, Is.EqualTo("PRD-103-781-723"));
            Assert.That(request.Asset!.Status, Is.EqualTo(AssetStatus.Processing));
            Assert.That(request.Asset.Items.Single().Quantity, Is.EqualTo("3"));
            Assert.That(request.Asset.Items.Single().QuantityValue, Is.EqualTo(3m));
            Assert.That(request.Asset.Parameters.Select(p => (p.Id, p.Phase.Value)),
                Is.EqualTo(new[] { ("param_a", "fulfillment"), ("param_b", "fulfillment"), ("param_dynamic_validation", "ordering") }));
            Assert.That(request.Asset.Tiers!.Tier1!.Id, Is.EqualTo("TA-4559-6820-1704"));
            Assert.That(request.Asset.Tiers.Tier2, Is.Not.Null, "tier2 {} is an empty account");
            Assert.That(request.Asset.Tiers.Tier2!.Id, Is.Null);
            Assert.That(request.Created, Is.EqualTo(DateTimeOffset.Parse("2021-03-19T12:21:32+00:00")));
        });
    }

    [Test]
    public void Params_filled_and_put_response_carry_values_and_note()
    {
        var filled = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_params_filled.processor-template.json"));
        var put = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending_put_response.python-sdk.json"));

        Assert.Multiple(() =>
        {
            Assert.That(filled.Asset!.Parameters.Single(p => p.Id == "param_a").Value, Is.EqualTo("123"));
            Assert.That(filled.Asset.Parameters.Single(p => p.Id == "param_b").Value, Is.Empty);
            Assert.That(put.Id, Is.EqualTo("PR-4405-9454-9305-001"));
            Assert.That(put.Note, Is.EqualTo("test_text"));
            Assert.That(put.Asset!.Parameters.Single().Id, Is.EqualTo("tenantId"));
            Assert.That(put.Asset.Parameters.Single().Value, Is.EqualTo("12345"));
            Assert.That(put.Asset.Items.Single().Mpn, Is.EqualTo("Free"));
            Assert.That(put.Asset.Items.Single().Quantity, Is.EqualTo("15"));
        });
    }

    [Test]
    public void Draft_request_with_ordering_parameter()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_draft_validation.processor-template.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Status, Is.EqualTo(RequestStatus.Draft));
            Assert.That(request.Asset!.Status, Is.EqualTo(AssetStatus.Draft));
            Assert.That(request.Asset.Parameters.Single().Phase, Is.EqualTo(ParameterPhase.Ordering));
            Assert.That(request.Asset.Parameters.Single().Value, Is.EqualTo("12345"));
            Assert.That(request.Asset.Items.Single().QuantityValue, Is.EqualTo(85m));
        });
    }

    [Test]
    public void Devops_library_request_has_a_param_without_phase_and_no_tier2()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.devops-testing-library.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-7658-9572-0778-001"));
            Assert.That(request.Asset!.Parameters.Single().Id, Is.EqualTo("UNIQUE_PURCHASE_ORDER_IDENTIFIER"));
            Assert.That(request.Asset.Parameters.Single().Phase.Value, Is.Null.Or.Empty);
            Assert.That(request.Asset.Tiers!.Tier2, Is.Null);
            Assert.That(request.Asset.Items.Single().QuantityValue, Is.EqualTo(7m));
        });
    }

    [Test]
    public void Toolkit_request_reads_checkbox_structured_value_and_choices()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.processors-toolkit.json"));
        var categories = request.Asset!.Parameters.Single(p => p.Id == "CATEGORIES");
        var orderType = request.Asset.Parameters.Single(p => p.Id == "ORDER_TYPE");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-8790-0160-2196-001"));
            Assert.That(request.EffectiveDate, Is.Null);
            Assert.That(request.PlannedDate, Is.Null);
            Assert.That(categories.Type, Is.EqualTo(ParameterType.Checkbox));
            Assert.That(categories.StructuredValue?.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(categories.StructuredValue!.Value.GetProperty("1").GetBoolean(), Is.True);
            Assert.That(categories.StructuredValue.Value.GetProperty("5").GetBoolean(), Is.False);
            Assert.That(categories.ValueChoices.Select(c => c.Label), Does.Contain("Sunglasses"));
            Assert.That(orderType.Type, Is.EqualTo(ParameterType.Choice));
            Assert.That(orderType.Value, Is.EqualTo("RANDOM"));
            Assert.That(orderType.ValueChoices.Single(c => c.Value == "ASC").Default, Is.True);
            Assert.That(request.Asset.Parameters.Single(p => p.Id == "CAT_SUBSCRIPTION_ID").Phase, Is.EqualTo(ParameterPhase.Fulfillment));
        });
    }

    [Test]
    public void Mulesoft_suspend_request_in_production_with_reason_and_previous_request()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_suspend_pending.mulesoft.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("AS-000-000-000-002"));
            Assert.That(request.Type, Is.EqualTo(RequestType.Suspend));
            Assert.That(request.Status, Is.EqualTo(RequestStatus.Pending));
            Assert.That(request.Reason, Is.EqualTo("The product doesn't support suspend/resume operations."));
            Assert.That(request.Environment, Is.EqualTo(ConnectionType.Production));
            Assert.That(request.Asset!.Status, Is.EqualTo(AssetStatus.Active));
            Assert.That(request.PreviousApprovedRequest?.Id, Is.Not.Null.And.Not.Empty);
            Assert.That(request.Asset.Parameters.Single().Value, Is.EqualTo("sdfghj"));
            Assert.That(request.Asset.Items.Single().OldQuantity, Is.EqualTo("1"));
        });
    }

    [Test]
    public void Acronis_requests_read_numeric_ids_and_numeric_quantities_as_text()
    {
        var purchase = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase.acronis-processor.json"));
        var change = ConnectJson.DeserializeRequest(Fixtures.Read("request_change.acronis-processor.json"));
        var suspend = ConnectJson.DeserializeRequest(Fixtures.Read("request_suspend.acronis-processor.json"));
        var resume = ConnectJson.DeserializeRequest(Fixtures.Read("request_resume.acronis-processor.json"));

        Assert.Multiple(() =>
        {
            Assert.That(purchase.Id, Is.EqualTo("1560505275"));
            Assert.That(purchase.Environment, Is.EqualTo(ConnectionType.Test));
            Assert.That(change.Id, Is.EqualTo("1559115188"));
            Assert.That(change.Type, Is.EqualTo(RequestType.Change));
            var item = change.Asset!.Items.Single(i => i.Mpn == "SRAAMSENS");
            Assert.That((item.Quantity, item.OldQuantity), Is.EqualTo(("10", "1")));
            Assert.That((item.QuantityValue, item.OldQuantityValue), Is.EqualTo((10m, 1m)));
            Assert.That(change.Asset.Parameters.Single(p => p.Id == "customer_admin").Value, Is.EqualTo("1559115188"));
            Assert.That(suspend.Type, Is.EqualTo(RequestType.Suspend));
            Assert.That(suspend.Status, Is.EqualTo(RequestStatus.TiersSetup));
            Assert.That(resume.Type, Is.EqualTo(RequestType.Resume));
        });
    }

    [Test]
    public void Python_sdk_list_reads_object_assignee_dropdown_and_item_deltas()
    {
        var request = ConnectJson.DeserializeRequests(Fixtures.Read("requests_list_purchase_approved.python-sdk.json")).Single();

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("PR-5620-6510-8214"));
            Assert.That(request.Status, Is.EqualTo(RequestStatus.Approved));
            Assert.That(request.Assignee, Is.EqualTo(new Assignee { Id = "Assignee" }));
            Assert.That(request.ProductId, Is.EqualTo("CN-573-708-587"));
            var feel = request.Asset!.Parameters.Single(p => p.Id == "howyoufeel");
            Assert.That(feel.Name, Is.EqualTo("How You feel today?"));
            Assert.That(feel.Type, Is.EqualTo(ParameterType.Dropdown));
            Assert.That(feel.ValueChoices, Has.Count.EqualTo(3));
            Assert.That(request.Asset.Items.Select(i => (i.Mpn, i.QuantityValue, i.OldQuantityValue)), Does.Contain(("DELETE_TEST", 0m, 200m)));
            Assert.That(request.Created, Is.EqualTo(DateTimeOffset.Parse("2018-09-03T10:28:18.472670+00:00")));
        });
    }

    [Test]
    public void Tier2_null_unknown_fields_and_unknown_type_and_status_stay_readable()
    {
        var json = Fixtures.Read("request_purchase_pending.processor-template.json")
            .Replace("\"tier2\": {}", "\"tier2\": null", StringComparison.Ordinal)
            .Replace("\"type\": \"purchase\"", "\"type\": \"teleport\", \"brand_new_field\": {\"x\": [1, 2]}", StringComparison.Ordinal)
            .Replace("\"status\": \"pending\"", "\"status\": \"on_hold\"", StringComparison.Ordinal);
        Assert.That(json, Does.Contain("teleport").And.Contain("\"tier2\": null"));

        var request = ConnectJson.DeserializeRequest(json);

        Assert.Multiple(() =>
        {
            Assert.That(request.Type, Is.EqualTo(RequestType.From("teleport")));
            Assert.That(request.Type.ToString(), Is.EqualTo("teleport"));
            Assert.That(request.Type, Is.Not.EqualTo(RequestType.Purchase));
            Assert.That(request.Status.Value, Is.EqualTo("on_hold"));
            Assert.That(request.Asset!.Tiers!.Tier2, Is.Null);
            Assert.That(request.Id, Is.EqualTo("PR-8055-3268-5577-001"));
        });
    }

    [Test]
    public void Odd_scalar_types_are_read_leniently()
    {
        var request = ConnectJson.DeserializeRequest(
            """{"id":42,"type":"purchase","status":"pending","answered":"true","assignee":{"id":"UR-1","name":"Ops","email":"ops@example.com","extra":[1]},"created":"2023-04-28 11:36:38.814429+00:00","updated":"","asset":{"items":[{"id":"SKU-1","quantity":2.5,"old_quantity":null}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Id, Is.EqualTo("42"));
            Assert.That(request.Answered, Is.True);
            Assert.That(request.Assignee, Is.EqualTo(new Assignee { Id = "UR-1", Name = "Ops", Email = "ops@example.com" }));
            Assert.That(request.Created, Is.EqualTo(new DateTimeOffset(2023, 4, 28, 11, 36, 38, TimeSpan.Zero).AddTicks(8144290)));
            Assert.That(request.Updated, Is.Null);
            Assert.That(request.Asset!.Items.Single().QuantityValue, Is.EqualTo(2.5m));
            Assert.That(request.Asset.Items.Single().OldQuantityValue, Is.Zero);
        });
    }
}
