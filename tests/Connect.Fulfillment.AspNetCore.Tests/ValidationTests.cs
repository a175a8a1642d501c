using System.Net;
using System.Text.Json.Nodes;
using Connect.Fulfillment.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore.Tests;

/// <summary>The validation endpoint over real Kestrel, with the fixtures' draft requests.</summary>
public sealed class ValidationTests
{
    private const string DynamicParameter = "param_dynamic_validation";

    [Test]
    public async Task Draft_purchase_is_answered_with_every_field_kept_and_only_the_error_set()
    {
        FulfillmentValidationContext? seen = null;
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (context, _) =>
        {
            seen = context;
            context.SetError(DynamicParameter, "This value is not accepted.");
            return Task.CompletedTask;
        }));
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        sent["x_field_unknown_to_the_models"] = new JsonObject { ["nested"] = new JsonArray(1, 2.50, "three", null) };
        Responses.Parameter(sent, DynamicParameter)["x_param_extra"] = true;

        using var response = await host.ValidateAsync(sent.ToJsonString());
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(seen!.Request.Id, Is.EqualTo("PR-6990-1715-4162-001"));
        Assert.That(seen.Request.Status, Is.EqualTo(RequestStatus.Draft));
        var expected = sent.DeepClone().AsObject();
        Responses.Parameter(expected, DynamicParameter)["value_error"] = "This value is not accepted.";
        Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, answer.ToJsonString());
    }

    [Test]
    public async Task Unchanged_request_is_echoed_exactly()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) => Task.CompletedTask));
        var sent = Fixtures.Json(Fixtures.DraftPurchase);

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(JsonNode.DeepEquals(answer, sent), Is.True);
    }

    [Test]
    public async Task Clearing_an_earlier_error_and_setting_a_value_change_only_those_fields()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (context, _) =>
        {
            Assert.That(context.GetError(DynamicParameter), Is.EqualTo("Earlier error"));
            context.ClearError(context.GetParameter(ParameterPhase.Ordering, DynamicParameter));
            context.SetValue(DynamicParameter, "12345-normalized");
            Assert.That(context.HasErrors, Is.False);
            return Task.CompletedTask;
        }));
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        Responses.Parameter(sent, DynamicParameter)["value_error"] = "Earlier error";

        using var response = await host.ValidateAsync(sent.ToJsonString());
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        var expected = sent.DeepClone().AsObject();
        Responses.Parameter(expected, DynamicParameter)["value_error"] = string.Empty;
        Responses.Parameter(expected, DynamicParameter)["value"] = "12345-normalized";
        Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, answer.ToJsonString());
    }

    [Test]
    public async Task Several_validators_of_one_kind_run_in_order_on_one_context()
    {
        var order = new List<string>();
        await using var host = await WebhookHost.StartAsync(validators: w => w
            .AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (context, _) =>
            {
                order.Add("first");
                context.SetError(DynamicParameter, "first");
                return Task.CompletedTask;
            })
            .AddFulfillmentValidator<SecondValidator>(ConnectValidationKind.DraftPurchase, ConnectValidationKind.DraftChange));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(order, Is.EqualTo(new[] { "first" }));
        Assert.That((string?)Responses.Parameter(answer, DynamicParameter)["value_error"], Is.EqualTo("first, then second"));
    }

    [TestCase("draft", "purchase", ConnectValidationKind.DraftPurchase)]
    [TestCase("draft", "change", ConnectValidationKind.DraftChange)]
    [TestCase("draft", "renew", ConnectValidationKind.DraftRenew)]
    [TestCase("draft", "transfer", ConnectValidationKind.DraftTransfer)]
    [TestCase("inquiring", "purchase", ConnectValidationKind.InquiringForm)]
    [TestCase("inquiring", "change", ConnectValidationKind.InquiringForm)]
    public async Task Fulfillment_request_reaches_the_validators_of_its_kind(string status, string type, ConnectValidationKind kind)
    {
        var seen = new List<ConnectValidationKind>();
        await using var host = await WebhookHost.StartAsync(validators: w =>
        {
            foreach (var each in new[] { ConnectValidationKind.DraftPurchase, ConnectValidationKind.DraftChange, ConnectValidationKind.DraftRenew, ConnectValidationKind.DraftTransfer, ConnectValidationKind.InquiringForm })
            {
                w.AddFulfillmentValidator(each, (context, _) =>
                {
                    seen.Add(context.Kind);
                    return Task.CompletedTask;
                });
            }
        });
        var sent = Fixtures.Json(Fixtures.DraftPurchase);
        sent["status"] = status;
        sent["type"] = type;

        using var response = await host.ValidateAsync(sent.ToJsonString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen, Is.EqualTo(new[] { kind }));
    }

    [TestCase("draft", ConnectValidationKind.DraftTierConfiguration)]
    [TestCase("inquiring", ConnectValidationKind.InquiringTierConfiguration)]
    public async Task Tier_configuration_request_is_validated_on_its_params(string status, ConnectValidationKind kind)
    {
        TierConfigValidationContext? seen = null;
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddTierConfigValidator(kind, (context, _) =>
        {
            seen = context;
            context.SetError(context.Parameters[0].Id!, "Reseller id unknown.");
            return Task.CompletedTask;
        }));
        var sent = Fixtures.Json(Fixtures.TierConfigPending);
        sent["status"] = status;
        var parameterId = (string)sent["params"]![0]!["id"]!;

        using var response = await host.ValidateAsync(sent.ToJsonString());
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(seen!.Kind, Is.EqualTo(kind));
        Assert.That(seen.Request.Id, Is.EqualTo((string)sent["id"]!));
        var expected = sent.DeepClone().AsObject();
        expected["params"]![0]!["value_error"] = "Reseller id unknown.";
        Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, answer.ToJsonString());
        Assert.That((string?)answer["params"]![0]!["id"], Is.EqualTo(parameterId));
    }

    [Test]
    public async Task Inquiring_form_with_structured_values_changes_only_the_marked_parameter()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.InquiringForm, (context, _) =>
        {
            context.SetError(context.Parameters[0].Id!, "Please check this value.");
            return Task.CompletedTask;
        }));
        var sent = Fixtures.Json(Fixtures.PendingPurchase);
        sent["status"] = "inquiring";
        var parameters = sent["asset"]!["params"]!.AsArray();
        Assert.That(parameters.OfType<JsonObject>().Any(p => p["structured_value"] is not null), Is.True, "the fixture has a structured value");

        using var response = await host.ValidateAsync(sent.ToJsonString());
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        var expected = sent.DeepClone().AsObject();
        expected["asset"]!["params"]![0]!["value_error"] = "Please check this value.";
        Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, answer.ToJsonString());
    }

    [Test]
    public async Task Request_without_a_validator_of_its_kind_is_answered_unchanged()
    {
        var calls = 0;
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftChange, (_, _) =>
        {
            calls++;
            return Task.CompletedTask;
        }));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.DraftPurchase));
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(calls, Is.Zero);
        Assert.That(JsonNode.DeepEquals(answer, Fixtures.Json(Fixtures.DraftPurchase)), Is.True);
        Assert.That(host.Logs.GetSnapshot().Any(r => r.Message.Contains("No validator is registered for DraftPurchase", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Pending_request_is_not_validated_and_answered_unchanged()
    {
        var calls = 0;
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, (_, _) =>
        {
            calls++;
            return Task.CompletedTask;
        }));

        using var response = await host.ValidateAsync(Fixtures.Text(Fixtures.PendingPurchase));
        var answer = await Responses.JsonAsync(response, HttpStatusCode.OK);

        Assert.That(calls, Is.Zero);
        Assert.That(JsonNode.DeepEquals(answer, Fixtures.Json(Fixtures.PendingPurchase)), Is.True);
    }

    [Test]
    public async Task Fifty_concurrent_calls_are_each_answered_with_their_own_request()
    {
        await using var host = await WebhookHost.StartAsync(validators: w => w.AddFulfillmentValidator(ConnectValidationKind.DraftPurchase, async (context, cancellationToken) =>
        {
            await Task.Yield();
            var value = int.Parse(context.GetValue(DynamicParameter), System.Globalization.CultureInfo.InvariantCulture);
            if (value % 2 == 1)
            {
                context.SetError(DynamicParameter, $"{value} is odd.");
            }
            else
            {
                context.ClearError(DynamicParameter);
            }
        }));

        var calls = Enumerable.Range(0, 50).Select(async index =>
        {
            var sent = Fixtures.Json(Fixtures.DraftPurchase);
            sent["id"] = $"PR-0000-0000-0000-{index:000}";
            Responses.Parameter(sent, DynamicParameter)["value"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Responses.Parameter(sent, DynamicParameter)["value_error"] = "stale";
            using var response = await host.ValidateAsync(sent.ToJsonString());
            return (index, sent, answer: await Responses.JsonAsync(response, HttpStatusCode.OK));
        });

        foreach (var (index, sent, answer) in await Task.WhenAll(calls))
        {
            var expected = sent.DeepClone().AsObject();
            Responses.Parameter(expected, DynamicParameter)["value_error"] = index % 2 == 1 ? $"{index} is odd." : string.Empty;
            Assert.That(JsonNode.DeepEquals(answer, expected), Is.True, $"call {index}: {answer.ToJsonString()}");
        }
    }

    private sealed class SecondValidator : IFulfillmentRequestValidator
    {
        public Task ValidateAsync(FulfillmentValidationContext context, CancellationToken cancellationToken = default)
        {
            context.SetError(DynamicParameter, context.GetError(DynamicParameter) + ", then second");
            return Task.CompletedTask;
        }
    }
}
