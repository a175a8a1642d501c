using System.Net;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.AspNetCore.Tests.Infrastructure;

internal static class Responses
{
    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The single message of an error answer in Connect's shape, after checking its code.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var json = await JsonAsync(response, expected);
        Assert.That((string?)json["error_code"], Is.EqualTo(code), json.ToJsonString());
        var errors = json["errors"]!.AsArray();
        Assert.That(errors, Has.Count.EqualTo(1));
        return (string)errors[0]!;
    }

    /// <summary>The parameter object with the given id in a fulfillment request's <c>asset.params</c>.</summary>
    public static JsonObject Parameter(JsonObject request, string id)
        => request["asset"]!["params"]!.AsArray().OfType<JsonObject>().Single(p => (string?)p["id"] == id);
}
