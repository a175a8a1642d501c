using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Tests.Models;

public class ParameterLookupTests
{
    private static FulfillmentRequest Read(string name) => ConnectJson.DeserializeRequest(Fixtures.Read(name));

    private static FulfillmentRequest WithParams(params Parameter[] parameters)
        => new() { Id = "PR-1", Asset = new Asset { Id = "AS-1", Parameters = parameters } };

    [Test]
    public void Fulfillment_param_of_the_toolkit_fixture_is_found_by_id_and_by_phase_and_name()
    {
        var request = Read("request_purchase_pending.processors-toolkit.json");

        Assert.Multiple(() =>
        {
            Assert.That(request.GetParameter("CAT_SUBSCRIPTION_ID").Type, Is.EqualTo(ParameterType.Text));
            Assert.That(request.TryGetParameter("ORDER_TYPE", out var order), Is.True);
            Assert.That(order!.Value, Is.EqualTo("RANDOM"));
            Assert.That(request.GetParameterValue(ParameterPhase.Fulfillment, "CAT_SUBSCRIPTION_ID"), Is.EqualTo(string.Empty));
            Assert.That(request.TryGetParameterValue(ParameterPhase.Fulfillment, "CAT_SUBSCRIPTION_ID", out var value), Is.True);
            Assert.That(value, Is.Empty);
            Assert.That(request.GetParameterValue(ParameterPhase.Ordering, "ORDER_TYPE"), Is.EqualTo("RANDOM"));
            Assert.That(request.GetParameterValue("ORDER_TYPE"), Is.EqualTo("RANDOM"));
        });
    }

    [Test]
    public void Empty_value_is_found_but_treated_as_missing_by_the_non_empty_forms()
    {
        var request = Read("request_purchase_pending.processor-template.json");

        Assert.Multiple(() =>
        {
            Assert.That(request.TryGetParameterValue(ParameterPhase.Fulfillment, "param_a", out var a), Is.True);
            Assert.That(a, Is.Empty);
            Assert.That(request.TryGetNonEmptyParameterValue(ParameterPhase.Fulfillment, "param_a", out var nonEmpty), Is.False);
            Assert.That(nonEmpty, Is.Null);
            Assert.That(request.TryGetNonEmptyParameterValue("param_b", out _), Is.False);
            Assert.That(request.TryGetNonEmptyParameterValue("missing", out _), Is.False);
        });

        var ex = Assert.Throws<ParameterNotFoundException>(() => request.GetNonEmptyParameterValue(ParameterPhase.Fulfillment, "param_b"));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.IsEmptyValue, Is.True);
            Assert.That(ex.Message, Is.EqualTo("Parameter 'param_b' (phase fulfillment) on request PR-8055-3268-5577-001 has an empty value."));
        });
    }

    [Test]
    public void Whitespace_value_counts_as_empty_and_a_real_value_is_returned()
    {
        var request = WithParams(
            new Parameter { Id = "blank", Name = "blank", Phase = ParameterPhase.Fulfillment, Value = "  " },
            new Parameter { Id = "tenant", Name = "tenant", Phase = ParameterPhase.Fulfillment, Value = "T-42" },
            new Parameter { Id = "no_value", Name = "no_value", Phase = ParameterPhase.Fulfillment });

        Assert.Multiple(() =>
        {
            Assert.That(request.TryGetNonEmptyParameterValue(ParameterPhase.Fulfillment, "blank", out _), Is.False);
            Assert.That(request.GetNonEmptyParameterValue(ParameterPhase.Fulfillment, "tenant"), Is.EqualTo("T-42"));
            Assert.That(request.TryGetNonEmptyParameterValue("tenant", out var tenant), Is.True);
            Assert.That(tenant, Is.EqualTo("T-42"));
            Assert.That(request.GetParameterValue(ParameterPhase.Fulfillment, "no_value"), Is.EqualTo(string.Empty), "a missing value key is an empty string, not '-' or null");
        });
    }

    [Test]
    public void Not_found_message_names_parameter_phase_and_request_id()
    {
        var request = Read("request_purchase_pending.processor-template.json");

        var ex = Assert.Throws<ParameterNotFoundException>(() => request.GetParameterValue(ParameterPhase.Fulfillment, "subscription_id"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("Parameter 'subscription_id' (phase fulfillment) was not found on request PR-8055-3268-5577-001."));
            Assert.That(ex.ParameterId, Is.EqualTo("subscription_id"));
            Assert.That(ex.Phase, Is.EqualTo(ParameterPhase.Fulfillment));
            Assert.That(ex.OwnerId, Is.EqualTo("PR-8055-3268-5577-001"));
            Assert.That(ex.IsEmptyValue, Is.False);
            Assert.That(ex, Is.InstanceOf<KeyNotFoundException>());
        });
    }

    [Test]
    public void Not_found_by_id_has_no_phase()
    {
        var ex = Assert.Throws<ParameterNotFoundException>(() => WithParams().GetParameter("x"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("Parameter 'x' was not found on request PR-1."));
            Assert.That(ex.Phase, Is.Null);
        });
    }

    [Test]
    public void Request_without_asset_or_id_has_no_parameters()
    {
        var request = new FulfillmentRequest();

        Assert.Multiple(() =>
        {
            Assert.That(request.TryGetParameter("x", out _), Is.False);
            Assert.That(request.TryGetConfigurationParameter("x", out _), Is.False);
            Assert.That(() => request.GetParameter("x"),
                Throws.TypeOf<ParameterNotFoundException>().With.Message.EqualTo("Parameter 'x' was not found on request (without id)."));
        });
    }

    [Test]
    public void Phase_mismatch_is_not_found()
    {
        var request = Read("request_purchase_pending.processors-toolkit.json");

        Assert.Multiple(() =>
        {
            Assert.That(request.TryGetParameterValue(ParameterPhase.Ordering, "CAT_SUBSCRIPTION_ID", out _), Is.False);
            Assert.That(request.TryGetParameterValue(ParameterPhase.Fulfillment, "ORDER_TYPE", out _), Is.False);
            Assert.That(() => request.GetParameterValue(ParameterPhase.Ordering, "CAT_SUBSCRIPTION_ID"),
                Throws.TypeOf<ParameterNotFoundException>().With.Message.Contains("(phase ordering)").And.Message.Contains("PR-8790-0160-2196-001"));
        });
    }

    [Test]
    public void Param_without_phase_whose_name_is_a_label_matches_by_label_or_by_id()
    {
        var request = Read("request_purchase_pending.devops-testing-library.json");

        Assert.Multiple(() =>
        {
            Assert.That(request.TryGetParameterValue(ParameterPhase.Ordering, "Unique purchase order identifier", out var byName), Is.True);
            Assert.That(byName, Is.Empty);
            Assert.That(request.TryGetParameter("UNIQUE_PURCHASE_ORDER_IDENTIFIER", out var byId), Is.True);
            Assert.That(request.TryGetParameterValue(ParameterPhase.Fulfillment, "UNIQUE_PURCHASE_ORDER_IDENTIFIER", out _), Is.True,
                "no phase in the payload: any phase matches; the name is a label so the id is the fallback");
            Assert.That(byId!.Name, Is.EqualTo("Unique purchase order identifier"));
        });
    }

    [Test]
    public void Name_match_wins_over_an_earlier_id_match_and_first_duplicate_wins()
    {
        var request = WithParams(
            new Parameter { Id = "tenant", Name = "Tenant label", Phase = ParameterPhase.Fulfillment, Value = "by-id" },
            new Parameter { Id = "p2", Name = "tenant", Phase = ParameterPhase.Fulfillment, Value = "by-name" },
            new Parameter { Id = "p3", Name = "tenant", Phase = ParameterPhase.Fulfillment, Value = "second-by-name" },
            new Parameter { Id = "dup", Name = "dup", Phase = ParameterPhase.Ordering, Value = "first" },
            new Parameter { Id = "dup", Name = "dup", Phase = ParameterPhase.Ordering, Value = "second" });

        Assert.Multiple(() =>
        {
            Assert.That(request.GetParameterValue(ParameterPhase.Fulfillment, "tenant"), Is.EqualTo("by-name"));
            Assert.That(request.GetParameterValue(ParameterPhase.Ordering, "dup"), Is.EqualTo("first"));
            Assert.That(request.GetParameter("dup").Value, Is.EqualTo("first"));
            Assert.That(request.Asset!.FindParameter("tenant")!.Value, Is.EqualTo("by-id"));
        });
    }

    [Test]
    public void Messages_never_contain_values_even_of_password_parameters()
    {
        const string secret = "hunter2-s3cr3t";
        var request = WithParams(
            new Parameter { Id = "api_key", Name = "api_key", Type = ParameterType.Password, Phase = ParameterPhase.Fulfillment, Value = secret },
            new Parameter { Id = "empty_pwd", Name = "empty_pwd", Type = ParameterType.Password, Phase = ParameterPhase.Fulfillment, Value = string.Empty, StructuredValue = JsonDocument.Parse($"\"{secret}\"").RootElement });

        var mismatch = Assert.Throws<ParameterNotFoundException>(() => request.GetParameterValue(ParameterPhase.Ordering, "api_key"));
        var empty = Assert.Throws<ParameterNotFoundException>(() => request.GetNonEmptyParameterValue("empty_pwd"));
        var notObject = Assert.Throws<InvalidOperationException>(() => request.GetParameter("empty_pwd").GetAddress());

        Assert.Multiple(() =>
        {
            Assert.That(mismatch!.Message, Does.Contain("api_key").And.Not.Contain(secret));
            Assert.That(empty!.Message, Does.Contain("empty_pwd").And.Not.Contain(secret));
            Assert.That(notObject!.Message, Does.Contain("empty_pwd").And.Not.Contain(secret));
            Assert.That(request.GetParameter("api_key").ToString(), Does.Not.Contain(secret));
        });
    }

    [Test]
    public void Tier_config_request_lookups_use_its_params_and_configuration()
    {
        var tcr = ConnectJson.DeserializeTierConfigRequest(Fixtures.Read("tier_config_request_setup_pending.devops-testing-library.json"));

        Assert.Multiple(() =>
        {
            Assert.That(tcr.GetParameter("TIER1_MPN").Value, Is.EqualTo("000000"));
            Assert.That(tcr.GetParameterValue(ParameterPhase.Ordering, "TIER1_MPN"), Is.EqualTo("000000"), "no name in the payload: id fallback");
            Assert.That(tcr.GetNonEmptyParameterValue("TIER1_MPN"), Is.EqualTo("000000"));
            Assert.That(tcr.TryGetNonEmptyParameterValue(ParameterPhase.Ordering, "TIER1_MPN", out var mpn), Is.True);
            Assert.That(mpn, Is.EqualTo("000000"));
            Assert.That(tcr.TryGetParameterValue(ParameterPhase.Fulfillment, "TIER1_MPN", out _), Is.False);
            Assert.That(tcr.GetConfigurationParameter("TIER1_MPN").Value, Is.EqualTo("000000"));
            Assert.That(tcr.TryGetConfigurationParameter("nope", out _), Is.False);
        });

        var ex = Assert.Throws<ParameterNotFoundException>(() => tcr.GetParameterValue(ParameterPhase.Fulfillment, "TIER1_MPN"));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("Parameter 'TIER1_MPN' (phase fulfillment) was not found on tier configuration request TCR-625-056-106-001."));
            Assert.That(ex.OwnerId, Is.EqualTo("TCR-625-056-106-001"));
        });
    }

    [Test]
    public void Configuration_parameters_are_read_from_asset_configuration()
    {
        var request = Read("request_purchase_pending_put_response.python-sdk.json");
        var listed = ConnectJson.DeserializeRequests(Fixtures.Read("requests_list_purchase_approved.python-sdk.json"))[0];

        Assert.Multiple(() =>
        {
            Assert.That(request.GetConfigurationParameter("templateId").Value, Is.EqualTo("TL-313-655-502"));
            Assert.That(listed.TryGetConfigurationParameter("product_configuration", out var config), Is.True);
            Assert.That(config!.Value, Is.EqualTo("product_value"));
            Assert.That(listed.Asset!.GetConfigurationParameter("product_Marketplace_configuration").Value, Is.EqualTo("product_marketplace_config"));
            Assert.That(request.TryGetParameter("templateId", out _), Is.False, "configuration params are not ordering/fulfillment params");
        });

        var ex = Assert.Throws<ParameterNotFoundException>(() => request.GetConfigurationParameter("missing"));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.StartWith("Parameter 'missing' (phase configuration) was not found in the configuration of request "));
            Assert.That(ex.Phase, Is.EqualTo(ParameterPhase.Configuration));
        });
    }

    [Test]
    public void Asset_lookups_work_on_the_asset_fixture_with_label_names()
    {
        var asset = JsonSerializer.Deserialize<Asset>(Fixtures.Read("asset_active.python-sdk.json"), ConnectJson.Options)!;

        Assert.Multiple(() =>
        {
            Assert.That(asset.GetParameterValue(ParameterPhase.Ordering, "Secondary email"), Is.EqualTo("daniel.lark@gmail.com"));
            Assert.That(asset.GetParameter("PM-9861-7949-8492-0001 #AUTOGEN #PRODUCT").Name, Is.EqualTo("Secondary email"));
            Assert.That(asset.TryGetNonEmptyParameterValue("PM-9861-7949-8492-0001 #AUTOGEN #PRODUCT", out _), Is.True);
            Assert.That(asset.TryGetConfigurationParameter("x", out _), Is.False);
            Assert.That(() => asset.GetParameter("secondary_email"),
                Throws.TypeOf<ParameterNotFoundException>().With.Message.EqualTo("Parameter 'secondary_email' was not found on asset AS-9861-7949-8492."));
        });
    }

    [Test]
    public void Public_constructor_builds_a_message_without_values()
    {
        var ex = new ParameterNotFoundException("subscription_id", ParameterPhase.Fulfillment, "PR-1");

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Is.EqualTo("Parameter 'subscription_id' (phase fulfillment) was not found on PR-1."));
            Assert.That(ex.OwnerId, Is.EqualTo("PR-1"));
        });
    }
}
