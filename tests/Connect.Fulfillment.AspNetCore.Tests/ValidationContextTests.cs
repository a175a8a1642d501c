using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>The context a validator works with, built directly as a validator's own unit tests would.</summary>
public sealed class ValidationContextTests
{
    private static FulfillmentValidationContext Draft()
        => new(ConnectValidationKind.DraftPurchase, ConnectJson.DeserializeRequest(Fixtures.Text(Fixtures.DraftPurchase)));

    [Test]
    public void Lookups_find_parameters_by_id_and_by_phase_and_name()
    {
        var context = Draft();

        Assert.That(context.RequestId, Is.EqualTo("PR-6990-1715-4162-001"));
        Assert.That(context.FindParameter("param_dynamic_validation")!.Value, Is.EqualTo("12345"));
        Assert.That(context.GetParameter(ParameterPhase.Ordering, "param_dynamic_validation").Id, Is.EqualTo("param_dynamic_validation"));
        Assert.That(context.FindParameter("missing"), Is.Null);
        Assert.That(context.FindParameter(ParameterPhase.Fulfillment, "missing"), Is.Null);
        Assert.Throws<ParameterNotFoundException>(() => context.GetParameter("missing"));
    }

    [Test]
    public void Changes_are_recorded_beside_the_request_which_stays_as_sent()
    {
        var context = Draft();

        context.SetError("param_dynamic_validation", "Too short.");
        context.SetValue("param_dynamic_validation", "54321");

        Assert.That(context.GetError("param_dynamic_validation"), Is.EqualTo("Too short."));
        Assert.That(context.GetValue("param_dynamic_validation"), Is.EqualTo("54321"));
        Assert.That(context.HasErrors, Is.True);
        Assert.That(context.ChangedParameterIds, Is.EqualTo(new[] { "param_dynamic_validation" }));
        Assert.That(context.Request.FindParameter("param_dynamic_validation")!.ValueError, Is.Empty);

        context.ClearError("param_dynamic_validation");
        Assert.That(context.GetError("param_dynamic_validation"), Is.Empty);
        Assert.That(context.HasErrors, Is.False);
    }

    [Test]
    public void Unknown_parameters_and_empty_messages_are_refused()
    {
        var context = Draft();

        Assert.Throws<ParameterNotFoundException>(() => context.SetError("missing", "x"));
        Assert.Throws<ParameterNotFoundException>(() => context.ClearError("missing"));
        Assert.Throws<ArgumentException>(() => context.SetError("param_dynamic_validation", " "));
        Assert.That(context.ChangedParameterIds, Is.Empty);
    }

    [Test]
    public void Contexts_refuse_a_kind_of_the_other_request_type()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Text(Fixtures.DraftPurchase));
        var tier = ConnectJson.DeserializeTierConfigRequest(Fixtures.Text(Fixtures.TierConfigPending));

        Assert.Throws<ArgumentException>(() => _ = new FulfillmentValidationContext(ConnectValidationKind.DraftTierConfiguration, request));
        Assert.Throws<ArgumentException>(() => _ = new TierConfigValidationContext(ConnectValidationKind.DraftPurchase, tier));
    }
}
