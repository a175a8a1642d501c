using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>Draft purchases as Connect sends them to the validation webhook: the real payload of the Python template's tests.</summary>
internal static class WebSampleDrafts
{
    public const string FixtureName = "request_purchase_draft_validation.processor-template.json";

    /// <summary>The fixture as received (with its own ordering parameter <c>param_dynamic_validation</c>).</summary>
    public static JsonObject Fixture()
        => JsonNode.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "connect", FixtureName)))!.AsObject();

    /// <summary>The fixture with an ordering parameter <c>customer_domain</c> (shaped like the fixture's own) holding the value and error.</summary>
    public static JsonObject WithDomain(string? value, string? valueError = "")
    {
        var request = Fixture();
        var parameter = new JsonObject
        {
            ["id"] = "customer_domain",
            ["name"] = "customer_domain",
            ["type"] = "text",
            ["phase"] = "ordering",
            ["description"] = "The customer's domain name",
            ["value"] = value,
            ["value_error"] = valueError,
            ["title"] = "Customer domain",
            ["constraints"] = new JsonObject { ["placeholder"] = "example.com", ["hint"] = "", ["meta"] = new JsonObject(), ["required"] = true },
        };
        Params(request).Add(parameter);
        return request;
    }

    public static JsonArray Params(JsonObject request) => request["asset"]!["params"]!.AsArray();

    public static JsonObject Param(JsonObject request, string id)
        => Params(request).OfType<JsonObject>().Single(p => (string?)p["id"] == id);

    public static string? ValueError(JsonObject request, string id = "customer_domain") => (string?)Param(request, id)["value_error"];
}
