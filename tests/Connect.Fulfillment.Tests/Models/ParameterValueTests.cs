using System.Text.Json;
using System.Text.Json.Serialization;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Tests.Models;

public class ParameterValueTests
{
    private static Parameter Structured(string id, string json, ParameterType? type = null)
        => new() { Id = id, Name = id, Type = type ?? ParameterType.Object, Phase = ParameterPhase.Ordering, StructuredValue = JsonDocument.Parse(json).RootElement.Clone() };

    [Test]
    public void Checkbox_of_the_toolkit_fixture_gives_the_checked_choice_values()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.processors-toolkit.json"));

        var categories = request.GetParameter("CATEGORIES");

        Assert.Multiple(() =>
        {
            Assert.That(categories.Type, Is.EqualTo(ParameterType.Checkbox));
            Assert.That(categories.GetCheckedChoices(), Is.EquivalentTo(new[] { "1", "4" }));
            Assert.That(categories.GetTextValue(), Is.Empty);
        });
    }

    [Test]
    public void Checkbox_without_structured_value_has_no_checked_choices_and_a_non_object_is_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Parameter { Id = "c", Type = ParameterType.Checkbox }.GetCheckedChoices(), Is.Empty);
            Assert.That(Structured("c", "null").GetCheckedChoices(), Is.Empty);
            Assert.That(Structured("c", """{"a": "true", "b": false, "c": 1}""").GetCheckedChoices(), Is.EquivalentTo(new[] { "a" }));
            Assert.That(() => Structured("c", "[true]").GetCheckedChoices(),
                Throws.InvalidOperationException.With.Message.EqualTo("The structured value of parameter 'c' is a JSON Array, not an object."));
        });
    }

    [Test]
    public void Choice_of_the_toolkit_fixture_resolves_to_its_listed_choice()
    {
        var request = ConnectJson.DeserializeRequest(Fixtures.Read("request_purchase_pending.processors-toolkit.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.GetParameter("ORDER_TYPE").TryGetSelectedChoice(out var choice), Is.True);
            Assert.That(choice!.Value, Is.EqualTo("RANDOM"));
            Assert.That(choice.Label, Is.EqualTo("Random"));
            Assert.That(request.GetParameter("CAT_SUBSCRIPTION_ID").TryGetSelectedChoice(out _), Is.False, "empty value: nothing selected");
        });
    }

    [Test]
    public void Unlisted_choice_value_is_returned_without_label_and_constraint_choices_are_used()
    {
        var unlisted = new Parameter { Id = "d", Type = ParameterType.Dropdown, Value = "X" };
        var fromConstraints = new Parameter
        {
            Id = "d",
            Type = ParameterType.Dropdown,
            Value = "B",
            Constraints = new ParameterConstraints { Choices = [new ParameterChoice { Value = "A", Label = "Alpha" }, new ParameterChoice { Value = "B", Label = "Beta" }] },
        };

        Assert.Multiple(() =>
        {
            Assert.That(unlisted.TryGetSelectedChoice(out var x), Is.True);
            Assert.That(x, Is.EqualTo(new ParameterChoice { Value = "X" }));
            Assert.That(fromConstraints.TryGetSelectedChoice(out var b), Is.True);
            Assert.That(b!.Label, Is.EqualTo("Beta"));
        });
    }

    [Test]
    public void Structured_value_is_available_raw_and_typed_through_source_generated_metadata()
    {
        var parameter = Structured("settings", """{"seats": 5, "region": "eu", "extra": true}""");

        Assert.Multiple(() =>
        {
            Assert.That(parameter.TryGetStructuredValue(out var raw), Is.True);
            Assert.That(raw.GetProperty("region").GetString(), Is.EqualTo("eu"));
            Assert.That(parameter.GetStructuredValue(ParameterTestJsonContext.Default.TenantSettings), Is.EqualTo(new TenantSettings { Seats = 5, Region = "eu" }));
            Assert.That(parameter.TryGetStructuredValue(ParameterTestJsonContext.Default.TenantSettings, out var typed), Is.True);
            Assert.That(typed!.Seats, Is.EqualTo(5));
        });
    }

    [Test]
    public void Missing_or_unreadable_structured_value_is_reported_with_the_parameter_id_only()
    {
        var none = new Parameter { Id = "settings" };
        var bad = Structured("settings", """{"seats": "many-secret-seats"}""");

        Assert.Multiple(() =>
        {
            Assert.That(none.TryGetStructuredValue(out _), Is.False);
            Assert.That(none.TryGetStructuredValue(ParameterTestJsonContext.Default.TenantSettings, out _), Is.False);
            Assert.That(() => none.GetStructuredValue(), Throws.InvalidOperationException.With.Message.EqualTo("Parameter 'settings' has no structured value."));
            Assert.That(() => none.GetAddress(), Throws.InvalidOperationException.With.Message.EqualTo("Parameter 'settings' has no structured value."));
            Assert.That(() => bad.GetStructuredValue(ParameterTestJsonContext.Default.TenantSettings),
                Throws.InvalidOperationException
                    .With.Message.EqualTo("The structured value of parameter 'settings' could not be read as TenantSettings.")
                    .And.InnerException.TypeOf<JsonException>());
        });
    }

    [Test]
    public void Address_and_phone_are_read_with_the_spec_field_names()
    {
        var address = Structured("addr", """
            {"address_line1": "Main St 1", "address_line2": "Suite 2", "city": "Springfield", "state": "IL",
             "postal_code": 62701, "country": "US", "unknown": {"x": 1}}
            """, ParameterType.Address);
        var phone = Structured("tel", """{"country_code": "+1", "area_code": "217", "phone_number": "5550100", "extension": ""}""", ParameterType.Phone);

        Assert.Multiple(() =>
        {
            Assert.That(address.GetAddress(), Is.EqualTo(new AddressValue
            {
                AddressLine1 = "Main St 1",
                AddressLine2 = "Suite 2",
                City = "Springfield",
                State = "IL",
                PostalCode = "62701",
                Country = "US",
            }));
            Assert.That(phone.TryGetPhone(out var tel), Is.True);
            Assert.That(tel, Is.EqualTo(new PhoneValue { CountryCode = "+1", AreaCode = "217", PhoneNumber = "5550100", Extension = string.Empty }));
            Assert.That(new Parameter { Id = "tel" }.TryGetPhone(out _), Is.False);
            Assert.That(Structured("addr", "{}").GetAddress(), Is.EqualTo(new AddressValue()));
        });
    }

    [Test]
    public void Address_and_phone_round_trip_through_parameter_updates()
    {
        var address = new AddressValue { AddressLine1 = "Main St 1", City = "Springfield", PostalCode = "62701", Country = "US" };
        var phone = new PhoneValue { CountryCode = "+1", PhoneNumber = "5550100" };

        var addressUpdate = ParameterUpdates.WithAddress("addr", address);
        var phoneUpdate = ParameterUpdates.WithPhone("tel", phone);
        var typedUpdate = ParameterUpdates.WithStructuredValue("settings", new TenantSettings { Seats = 3, Region = "us" }, ParameterTestJsonContext.Default.TenantSettings);

        Assert.Multiple(() =>
        {
            Assert.That(addressUpdate.Id, Is.EqualTo("addr"));
            Assert.That(addressUpdate.ValueError, Is.Empty);
            Assert.That(addressUpdate.Value, Is.Null);
            Assert.That(addressUpdate.StructuredValue!.Value.GetRawText(),
                Is.EqualTo("""{"address_line1":"Main St 1","city":"Springfield","postal_code":"62701","country":"US"}"""));
            Assert.That(AddressValue.FromJson(addressUpdate.StructuredValue.Value), Is.EqualTo(address));
            Assert.That(PhoneValue.FromJson(phoneUpdate.StructuredValue!.Value), Is.EqualTo(phone));
            Assert.That(typedUpdate.StructuredValue!.Value.GetRawText(), Is.EqualTo("""{"seats":3,"region":"us"}"""));
            Assert.That(() => AddressValue.FromJson(JsonDocument.Parse("\"x\"").RootElement), Throws.ArgumentException);
        });
    }
}

public sealed record TenantSettings
{
    public int Seats { get; init; }

    public string? Region { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TenantSettings))]
internal sealed partial class ParameterTestJsonContext : JsonSerializerContext;
