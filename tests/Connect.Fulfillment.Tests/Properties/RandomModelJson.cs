using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Tests.Properties;

/// <summary>
/// Random JSON in the shape of Connect models, driven by FsCheck's random arrays: every known field (and an unknown
/// one) is left out, given a random value of any JSON kind (nulls included), or given a random model of its own shape,
/// down to parameters, choices, constraints, items, tiers and references.
/// </summary>
internal static class RandomModelJson
{
    private static readonly Field[] ReferenceFields = [new("id"), new("name"), new("unknown_field")];
    private static readonly Field[] ChoiceFields = [new("value"), new("label"), new("default")];
    private static readonly Field[] ConstraintFields =
    [
        new("required"), new("hidden"), new("readonly"), new("unique"), new("reconciliation"), new("placeholder"), new("hint"),
        new("min_length"), new("max_length"), new("choices", ChoiceFields, IsList: true), new("meta"),
    ];

    private static readonly Field[] ParameterFields =
    [
        new("id"), new("name"), new("type"), new("phase"), new("scope"), new("title"), new("description"), new("value"), new("value_error"),
        new("structured_value"), new("value_choices", ChoiceFields, IsList: true), new("constraints", ConstraintFields), new("unknown_field"),
    ];

    private static readonly Field[] ItemFields =
    [
        new("id"), new("global_id"), new("mpn"), new("display_name"), new("quantity"), new("old_quantity"), new("type"), new("period"),
        new("item_type"), new("unknown_field"),
    ];

    private static readonly Field[] TierAccountFields = [new("id"), new("name"), new("external_id"), new("external_uid"), new("contact_info"), new("scopes")];
    private static readonly Field[] TiersFields = [new("customer", TierAccountFields), new("tier1", TierAccountFields), new("tier2", TierAccountFields)];
    private static readonly Field[] ConnectionFields = [new("id"), new("type"), new("provider", ReferenceFields), new("vendor", ReferenceFields), new("hub", ReferenceFields)];
    private static readonly Field[] ProductFields = [new("id"), new("name"), new("icon"), new("status")];
    private static readonly Field[] ParameterListFields = [new("params", ParameterFields, IsList: true)];
    private static readonly Field[] TemplateFields = [new("id"), new("name"), new("representation")];

    private static readonly Field[] AssetFields =
    [
        new("id"), new("status"), new("external_id"), new("external_uid"), new("external_name"), new("product", ProductFields),
        new("connection", ConnectionFields), new("items", ItemFields, IsList: true), new("params", ParameterFields, IsList: true),
        new("tiers", TiersFields), new("configuration", ParameterListFields), new("marketplace", ReferenceFields), new("contract", ReferenceFields),
        new("events"),
    ];

    private static readonly Field[] RequestFields =
    [
        new("id"), new("type"), new("status"), new("note"), new("reason"), new("created"), new("updated"), new("effective_date"),
        new("planned_date"), new("answered"), new("assignee"), new("activation_key"), new("template", TemplateFields),
        new("previous_approved_request", ReferenceFields), new("marketplace", ReferenceFields), new("contract", ReferenceFields),
        new("asset", AssetFields), new("unknown_field"),
    ];

    /// <summary>A random request.</summary>
    public static JsonObject Request(Picker picker) => Fill(RequestFields, picker);

    /// <summary>A random object with the given fields, one level deep: every value is a random JSON value.</summary>
    public static JsonObject Flat(IEnumerable<string> fields, Picker picker)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            if (picker.Next(4) > 0)
            {
                json[field] = picker.Value();
            }
        }

        return json;
    }

    private static JsonObject Fill(Field[] fields, Picker picker)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            if (picker.Next(4) == 0)
            {
                continue;
            }

            // Fields of a model shape are mostly given that shape, sometimes any value.
            json[field.Name] = field.Shape is { } shape && picker.Next(4) > 0 ? Shaped(field with { Shape = shape }, picker) : picker.Value();
        }

        return json;
    }

    private static JsonNode? Shaped(Field field, Picker picker)
    {
        if (!field.IsList)
        {
            return Fill(field.Shape!, picker);
        }

        var list = new JsonArray();
        var count = picker.Next(4);
        for (var i = 0; i < count; i++)
        {
            list.Add(picker.Next(8) == 0 ? null : Fill(field.Shape!, picker));
        }

        return list;
    }

    private sealed record Field(string Name, Field[]? Shape = null, bool IsList = false);
}

/// <summary>Turns FsCheck's random arrays into a deterministic stream of choices.</summary>
internal sealed class Picker(int[] kinds, string[] texts)
{
    private int kindIndex;
    private int textIndex;

    public int Next(int bound) => kinds.Length == 0 ? 0 : (int)((uint)kinds[kindIndex++ % kinds.Length] % (uint)bound);

    public JsonNode? Value() => Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Text()),
        2 => JsonValue.Create(Next(int.MaxValue) - 1000),
        3 => JsonValue.Create(Next(2) == 0),
        4 => JsonValue.Create(Next(1000) / 7.0),
        5 => new JsonObject { ["id"] = Text(), ["name"] = Text() },
        6 => new JsonArray(JsonValue.Create(Text()), JsonValue.Create(Next(10))),
        7 => new JsonObject(),
        _ => JsonValue.Create("2024-05-01T10:00:00+00:00"),
    };

    private string? Text() => texts.Length == 0 ? string.Empty : texts[textIndex++ % texts.Length] ?? string.Empty;
}
