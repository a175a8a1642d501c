using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// A validation call's body read twice: as a <see cref="JsonObject"/>, which is answered back with only the
/// validators' changes written in, and as the typed request the validators see (through the core's source-generated
/// <see cref="ConnectJson"/>).
/// </summary>
internal sealed class ValidationRequest
{
    private ValidationRequest(JsonObject json, string id, string status, string type, ConnectValidationContext? context)
    {
        Json = json;
        Id = id;
        Status = status;
        Type = type;
        Context = context;
    }

    public JsonObject Json { get; }

    /// <summary>The request id, checked by <see cref="WebhookIds"/>.</summary>
    public string Id { get; }

    public string Status { get; }

    public string Type { get; }

    /// <summary>The context handed to validators; null when the request's status and type are not validated.</summary>
    public ConnectValidationContext? Context { get; }

    /// <summary>Reads the body; on failure, <paramref name="code"/> and <paramref name="problem"/> say what is wrong.</summary>
    public static bool TryRead(byte[] body, [NotNullWhen(true)] out ValidationRequest? request, out string code, out string problem)
    {
        request = null;
        code = WebhookResponses.InvalidJson;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException exception)
        {
            problem = "The body is not valid JSON: " + exception.Message;
            return false;
        }

        code = WebhookResponses.InvalidRequest;
        if (node is not JsonObject json)
        {
            problem = $"The body must be a JSON object (a Connect request), not {Describe(node)}.";
            return false;
        }

        try
        {
            return TryReadObject(json, Encoding.UTF8.GetString(body), out request, out problem);
        }
        catch (ArgumentException)
        {
            // JsonObject refuses duplicate property names when its properties are first read.
            problem = "The body has a property name twice in one object.";
            return false;
        }
    }

    private static bool TryReadObject(JsonObject json, string text, [NotNullWhen(true)] out ValidationRequest? request, out string problem)
    {
        request = null;
        if (json["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String || idValue.GetValue<string>() is not { } id || !WebhookIds.IsValid(id))
        {
            problem = "The request has no \"id\" shaped like a Connect id (for example PR-1234-5678-9012-001 or TCR-123-456-789-012).";
            return false;
        }

        var tierConfiguration = WebhookIds.IsTierConfigRequest(id) || (json["asset"] is null && json["configuration"] is JsonObject);
        if (!tierConfiguration && json["asset"] is not JsonObject)
        {
            problem = $"The request {id} has no \"asset\" object: it is neither a fulfillment request nor a tier configuration request.";
            return false;
        }

        if (json["status"] is not JsonValue statusValue || statusValue.GetValueKind() != JsonValueKind.String)
        {
            problem = $"The request {id} has no \"status\" text.";
            return false;
        }

        if (ValidationJson.Parameters(json, tierConfiguration) is null && (tierConfiguration ? json["params"] : json["asset"]!["params"]) is not null)
        {
            problem = $"The request {id} has a \"{(tierConfiguration ? "params" : "asset.params")}\" that is not an array.";
            return false;
        }

        try
        {
            ConnectValidationContext? context;
            string status, type;
            if (tierConfiguration)
            {
                var typed = ConnectJson.DeserializeTierConfigRequest(text);
                (status, type) = (typed.Status.ToString(), typed.Type.ToString());
                context = ConnectValidationKinds.Of(typed) is { } kind ? new TierConfigValidationContext(kind, typed) : null;
            }
            else
            {
                var typed = ConnectJson.DeserializeRequest(text);
                (status, type) = (typed.Status.ToString(), typed.Type.ToString());
                context = ConnectValidationKinds.Of(typed) is { } kind ? new FulfillmentValidationContext(kind, typed) : null;
            }

            request = new ValidationRequest(json, id, Printable(status), Printable(type), context);
            problem = string.Empty;
            return true;
        }
        catch (JsonException exception)
        {
            problem = $"The request {id} does not have the shape of a Connect request: {exception.Message}";
            return false;
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "true or false",
        },
        _ => "that",
    };

    // Status and type go into a log line; anything beyond plain words is dropped.
    private static string Printable(string text)
        => text.Length <= 40 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? text : "(unreadable)";
}
