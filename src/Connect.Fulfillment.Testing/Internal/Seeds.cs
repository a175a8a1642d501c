using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing.Internal;

internal static class Seeds
{
    public static IEnumerable<JsonObject> ForEachObject(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var node = JsonNode.Parse(json) ?? throw new JsonException("The JSON is null.");
        return node switch
        {
            JsonObject o => [o],
            JsonArray a => a.OfType<JsonObject>().Select(o => o.DeepClone().AsObject()).ToArray(),
            _ => throw new JsonException("Expected a JSON object or array."),
        };
    }

    public static JsonObject Param(string id, string phase, string? value, string type, string? valueError, bool required, JsonObject? structuredValue, string scope)
    {
        var p = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["title"] = id,
            ["description"] = id,
            ["type"] = type,
            ["phase"] = phase,
            ["scope"] = scope,
            ["value"] = value ?? string.Empty,
            ["value_error"] = valueError ?? string.Empty,
            ["value_choices"] = new JsonArray(),
            ["constraints"] = new JsonObject { ["required"] = required, ["hidden"] = false, ["unique"] = false, ["reconciliation"] = false },
        };
        if (structuredValue is not null)
        {
            p["structured_value"] = structuredValue.DeepClone();
        }

        return p;
    }

    /// <summary>Sets <c>value_choices</c> of a parameter already added, in the requested form.</summary>
    public static void SetValueChoices(JsonArray parameters, string parameterId, IEnumerable<string> values, ValueChoicesForm form)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parameter = parameters.OfType<JsonObject>().FirstOrDefault(p => JsonPath.GetString(p, "id") == parameterId)
            ?? throw new ArgumentException($"Add parameter {parameterId} before its value choices.", nameof(parameterId));
        parameter["value_choices"] = new JsonArray(values.Select(v => form == ValueChoicesForm.Strings
            ? JsonValue.Create(v)
            : (JsonNode)new JsonObject { ["value"] = v, ["label"] = v }).ToArray());
    }

    private static long StableHash(string s)
    {
        ulong h = 14695981039346656037;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211;
        }

        return (long)(h >> 1);
    }

    public static JsonObject Account(string id, string name, string email) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["external_id"] = id,
        ["external_uid"] = "00000000-0000-4000-8000-" + (StableHash(id) % 1_000_000_000_000L).ToString("000000000000", CultureInfo.InvariantCulture),
        ["contact_info"] = new JsonObject
        {
            ["address_line1"] = "1 Sandbox Street",
            ["address_line2"] = string.Empty,
            ["city"] = "Testville",
            ["state"] = "California",
            ["postal_code"] = "94000",
            ["country"] = "us",
            ["contact"] = new JsonObject
            {
                ["first_name"] = "Sandy",
                ["last_name"] = "Box",
                ["email"] = email,
                ["phone_number"] = new JsonObject { ["country_code"] = "+1", ["area_code"] = "555", ["phone_number"] = "0100", ["extension"] = string.Empty },
            },
        },
    };

    public static JsonObject Connection(string type) => new()
    {
        ["id"] = "CT-0000-0000-0000",
        ["type"] = type,
        ["provider"] = new JsonObject { ["id"] = "PA-000-000", ["name"] = "Sandbox Provider" },
        ["vendor"] = new JsonObject { ["id"] = "VA-000-000", ["name"] = "Sandbox Vendor" },
        ["hub"] = new JsonObject { ["id"] = "HB-0000-0000", ["name"] = "Sandbox Hub" },
    };

    public static JsonObject DefaultRequest(SandboxStore state)
    {
        var now = state.Now();
        var marketplace = new JsonObject { ["id"] = "MP-00000", ["name"] = "Sandbox Marketplace" };
        var contract = new JsonObject { ["id"] = "CRD-00000-00000-00000", ["name"] = "Sandbox Distribution Contract" };
        return new JsonObject
        {
            ["id"] = null,
            ["type"] = "purchase",
            ["status"] = "pending",
            ["note"] = string.Empty,
            ["reason"] = string.Empty,
            ["activation_key"] = string.Empty,
            ["answered"] = false,
            ["assignee"] = string.Empty,
            ["effective_date"] = null,
            ["created"] = now,
            ["updated"] = now,
            ["marketplace"] = marketplace,
            ["contract"] = contract,
            ["external_attributes"] = new JsonObject(),
            ["asset"] = new JsonObject
            {
                ["id"] = null,
                ["status"] = "processing",
                ["external_id"] = string.Empty,
                ["external_uid"] = string.Empty,
                ["product"] = new JsonObject { ["id"] = "PRD-000-000-001", ["name"] = "Sandbox Product", ["status"] = "published" },
                ["connection"] = Connection("preview"),
                ["items"] = new JsonArray(),
                ["params"] = new JsonArray(),
                ["tiers"] = new JsonObject
                {
                    ["customer"] = Account("TA-0000-0000-0001", "Sandbox Customer", "customer@sandbox.example.com"),
                    ["tier1"] = Account("TA-0000-0000-0002", "Sandbox Reseller", "reseller@sandbox.example.com"),
                    ["tier2"] = new JsonObject(),
                },
                ["configuration"] = new JsonObject { ["params"] = new JsonArray() },
                ["marketplace"] = marketplace.DeepClone(),
                ["contract"] = contract.DeepClone(),
            },
        };
    }

    public static JsonObject DefaultTcr() => new()
    {
        ["id"] = null,
        ["type"] = "setup",
        ["status"] = "pending",
        ["environment"] = "preview",
        ["configuration"] = new JsonObject
        {
            ["id"] = "TC-000-000-001",
            ["name"] = "Configuration of TA-0000-0000-0002",
            ["account"] = Account("TA-0000-0000-0002", "Sandbox Reseller", "reseller@sandbox.example.com"),
            ["product"] = new JsonObject { ["id"] = "PRD-000-000-001", ["name"] = "Sandbox Product", ["status"] = "published" },
            ["tier_level"] = 1,
            ["connection"] = Connection("preview"),
            ["params"] = new JsonArray(),
            ["status"] = "processing",
            ["marketplace"] = new JsonObject { ["id"] = "MP-00000", ["name"] = "Sandbox Marketplace" },
            ["contract"] = new JsonObject { ["id"] = "CRD-00000-00000-00000", ["name"] = "Sandbox Distribution Contract" },
        },
        ["params"] = new JsonArray(),
        ["assignee"] = null,
        ["notes"] = string.Empty,
        ["tiers"] = new JsonObject
        {
            ["tier1"] = new JsonObject { ["id"] = "TA-0000-0000-0002", ["name"] = "Sandbox Reseller" },
            ["tier2"] = null,
        },
        ["events"] = new JsonObject(),
    };
}
