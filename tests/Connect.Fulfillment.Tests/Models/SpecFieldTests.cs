using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Tests.Models;

/// <summary>
/// Fields the OpenAPI description (connect-openapi-v37) defines and processors need: read when present, tolerant of
/// absence and null. Also <c>value_choices</c>, which the description defines as strings and Connect sends as objects.
/// </summary>
public class SpecFieldTests
{
    [Test]
    public void Value_choices_as_strings_are_read()
    {
        var request = ConnectJson.DeserializeRequest("""
            {"id":"PR-1","asset":{"params":[{"id":"plan","value_choices":["basic","pro"]}]}}
            """);

        var choices = request.GetParameter("plan").ValueChoices;
        Assert.That(choices.Select(c => (c.Value, c.Label)), Is.EqualTo(new[] { ("basic", "basic"), ("pro", "pro") }));
    }

    [Test]
    public void Value_choices_as_objects_are_read()
    {
        var request = ConnectJson.DeserializeRequest("""
            {"id":"PR-1","asset":{"params":[{"id":"plan","value_choices":[{"value":"b","label":"Basic","default":"true"},{"value":"p","label":"Pro"}]}]}}
            """);

        var choices = request.GetParameter("plan").ValueChoices;
        Assert.That(choices.Select(c => (c.Value, c.Label, c.Default)), Is.EqualTo(new[] { ("b", "Basic", (bool?)true), ("p", "Pro", (bool?)null) }));
    }

    [TestCase("null")]
    [TestCase("[]")]
    public void Missing_or_null_value_choices_read_as_an_empty_list(string choices)
    {
        var request = ConnectJson.DeserializeRequest($$$"""{"id":"PR-1","asset":{"params":[{"id":"a","value_choices":{{{choices}}},"constraints":{"choices":{{{choices}}}}},{"id":"b"}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.GetParameter("a").ValueChoices, Is.Empty);
            Assert.That(request.GetParameter("a").Constraints!.Choices, Is.Empty);
            Assert.That(request.GetParameter("b").ValueChoices, Is.Empty);
        });
    }

    [Test]
    public void Constraint_choices_as_strings_are_read_and_written_back_as_objects()
    {
        var request = ConnectJson.DeserializeRequest("""{"id":"PR-1","asset":{"params":[{"id":"a","constraints":{"choices":["x"]}}]}}""");

        var written = ConnectJson.DeserializeRequest(ConnectJson.Serialize(request));

        Assert.That(written.GetParameter("a").Constraints!.Choices.Single().Value, Is.EqualTo("x"));
    }

    [Test]
    public void Asset_template_and_pending_request_are_read()
    {
        var request = ConnectJson.DeserializeRequest("""
            {"id":"PR-1","asset":{"id":"AS-1","template":{"id":"TL-1","name":"Default"},
             "pending_request":{"id":"PR-2","type":"change","status":"pending"}}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(request.Asset!.Template?.Id, Is.EqualTo("TL-1"));
            Assert.That(request.Asset.Template?.Name, Is.EqualTo("Default"));
            Assert.That(request.Asset.PendingRequest?.Id, Is.EqualTo("PR-2"));
            Assert.That(request.Asset.PendingRequest?.Type, Is.EqualTo(RequestType.Change));
            Assert.That(request.Asset.PendingRequest?.Status, Is.EqualTo(RequestStatus.Pending));
        });
    }

    [Test]
    public void Tier_account_tax_id_is_read()
    {
        var request = ConnectJson.DeserializeRequest("""{"id":"PR-1","asset":{"tiers":{"customer":{"id":"TA-1","tax_id":"24VR1XOQ1G"},"tier1":{"id":"TA-2","tax_id":null}}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Asset!.Tiers!.Customer!.TaxId, Is.EqualTo("24VR1XOQ1G"));
            Assert.That(request.Asset.Tiers.Tier1!.TaxId, Is.Null);
        });
    }

    [Test]
    public void Tier_config_request_parent_previous_tiers_activation_and_notes_are_read()
    {
        var request = ConnectJson.DeserializeTierConfigRequest("""
            {"id":"TCR-1","notes":"see ticket","configuration":{"id":"TC-2","tier_level":2},
             "parent_configuration":{"id":"TC-1","tier_level":1,"params":[{"id":"p","value":"v"}]},
             "previous_approved_request":{"id":"TCR-0"},
             "tiers":{"tier1":{"name":"Reseller","tax_id":"AA3R4D4A55"},"tier2":{"name":"Sub"}},
             "activation":{"link":"https://example.com/activate"}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(request.Note, Is.EqualTo("see ticket"));
            Assert.That(request.ParentConfiguration?.Id, Is.EqualTo("TC-1"));
            Assert.That(request.ParentConfiguration?.GetParameterValue("p"), Is.EqualTo("v"));
            Assert.That(request.PreviousApprovedRequest?.Id, Is.EqualTo("TCR-0"));
            Assert.That(request.Tiers?.Tier1?.TaxId, Is.EqualTo("AA3R4D4A55"));
            Assert.That(request.Tiers?.Tier2?.Name, Is.EqualTo("Sub"));
            Assert.That(request.Activation?.Link, Is.EqualTo("https://example.com/activate"));
        });
    }

    [Test]
    public void New_fields_tolerate_absence_and_null()
    {
        var absent = ConnectJson.DeserializeTierConfigRequest("""{"id":"TCR-1"}""");
        var nulls = ConnectJson.DeserializeTierConfigRequest("""{"id":"TCR-1","parent_configuration":null,"previous_approved_request":null,"tiers":null,"activation":null,"notes":null}""");
        var asset = ConnectJson.DeserializeRequest("""{"id":"PR-1","asset":{"template":null,"pending_request":null}}""").Asset!;

        Assert.Multiple(() =>
        {
            foreach (var request in new[] { absent, nulls })
            {
                Assert.That(request.ParentConfiguration, Is.Null);
                Assert.That(request.PreviousApprovedRequest, Is.Null);
                Assert.That(request.Tiers, Is.Null);
                Assert.That(request.Activation, Is.Null);
                Assert.That(request.Note, Is.Null);
            }

            Assert.That(asset.Template, Is.Null);
            Assert.That(asset.PendingRequest, Is.Null);
        });
    }

    [Test]
    public void Fixture_tier_config_requests_keep_their_tiers_and_tax_id()
    {
        var pending = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_pending.devops-testing-library.json"));
        var approved = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_approved.php-sdk.json"));

        Assert.Multiple(() =>
        {
            Assert.That(pending.Configuration?.Account?.TaxId, Is.EqualTo("XXXXXXX"));
            Assert.That(approved.Tiers?.Tier1?.ExternalUid, Is.EqualTo("1d1979bb-fc02-4789-8614-1f0823b03a3c"));
        });
    }

    [Test]
    public void Conversation_type_is_read_and_absent_type_is_empty()
    {
        var conversations = System.Text.Json.JsonSerializer.Deserialize("""
            [{"id":"CO-1","type":"notes"},{"id":"CO-2","type":"conversation"},{"id":"CO-3"}]
            """, Connect.Fulfillment.Serialization.Internal.ConnectJsonContext.Default.ListConversation)!;

        Assert.That(conversations.Select(c => c.Type), Is.EqualTo(new[] { ConversationType.Notes, ConversationType.Conversation, default }));
    }

    [Test]
    public void Notes_are_written_under_the_tier_config_request_wire_name()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new TierConfigRequest { Id = "TCR-1", Note = "n" }, ConnectJson.Options);

        Assert.That(json, Does.Contain("\"notes\":\"n\"").And.Contain("\"params\":[]"));
    }
}
