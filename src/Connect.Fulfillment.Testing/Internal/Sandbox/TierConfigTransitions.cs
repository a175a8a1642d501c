using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// The tier configuration request state machine. Connect answers most of these calls with 204 and no body, and
/// approving one releases the fulfillment requests waiting for that tier. Every method runs under the store lock.
/// </summary>
internal sealed class TierConfigTransitions(SandboxStore store, RequestTransitions requests)
{
    private static readonly string[] Editable = ["pending", "inquiring"];
    private static readonly string[] Decidable = ["pending", "inquiring"];

    /// <summary>Updates parameters and notes. A <c>configuration</c> member (the spec's required field) is accepted and left unchanged: a request's configuration is Connect's, not the vendor's.</summary>
    public ApiResult Update(JsonObject tierConfigRequest, JsonObject? body)
    {
        if (!Editable.Contains(RequestTransitions.Status(tierConfigRequest)))
        {
            return ApiResult.Error(400, "TC_003", "Only pending or inquiring Tier Config Requests can be updated.");
        }

        if (ParameterRules.Apply(tierConfigRequest["params"] as JsonArray, body?["params"] as JsonArray) is { } error)
        {
            return error;
        }

        if (body?.TryGetPropertyValue("notes", out var notes) == true)
        {
            tierConfigRequest["notes"] = notes?.DeepClone();
        }

        return ApiResult.Json(200, tierConfigRequest);
    }

    public ApiResult Approve(JsonObject tierConfigRequest, JsonObject? body)
    {
        var status = RequestTransitions.Status(tierConfigRequest);
        if (!Decidable.Contains(status))
        {
            return WrongState("approve", status);
        }

        var templateId = JsonPath.GetString(body, "template.id");
        var representation = JsonPath.GetString(body, "template.representation");
        if (templateId is not null)
        {
            if (store.FindTemplate(tierConfigRequest, templateId) is not { } t)
            {
                return ApiResult.Error(400, "VAL_001", $"template: Template {templateId} not found for the product.");
            }

            representation = ParameterRules.Render(JsonPath.GetString(t, "body") ?? string.Empty, tierConfigRequest["params"] as JsonArray);
        }
        else if (representation is null)
        {
            return ApiResult.Error(400, "VAL_001", "template: This field is required.");
        }

        requests.SetStatus(tierConfigRequest, "approved");
        var template = new JsonObject { ["id"] = templateId, ["representation"] = representation };
        tierConfigRequest["template"] = template.DeepClone();
        requests.ReleaseTiersSetup(tierConfigRequest);
        return ApiResult.Json(200, new JsonObject { ["template"] = template });
    }

    public ApiResult Fail(JsonObject tierConfigRequest, JsonObject? body)
    {
        var reason = JsonPath.GetString(body, "reason");
        if (string.IsNullOrEmpty(reason))
        {
            return ApiResult.Error(400, "TC_005", "Missed fields: reason.");
        }

        var status = RequestTransitions.Status(tierConfigRequest);
        if (!Decidable.Contains(status))
        {
            return WrongState("fail", status);
        }

        requests.SetStatus(tierConfigRequest, "failed");
        tierConfigRequest["reason"] = reason;
        return ApiResult.NoContent();
    }

    /// <summary>Moves a pending request to inquiring; the spec defines no body, so none is read.</summary>
    public ApiResult Inquire(JsonObject tierConfigRequest)
    {
        var status = RequestTransitions.Status(tierConfigRequest);
        if (status != "pending")
        {
            return WrongState("inquire", status);
        }

        if (!ParameterRules.AnyValueError(tierConfigRequest["params"] as JsonArray))
        {
            return ApiResult.Error(400, "TC_003", "For marking request to inquiring status at least one parameter should be marked as invalid.");
        }

        requests.SetStatus(tierConfigRequest, "inquiring");
        return ApiResult.NoContent();
    }

    public ApiResult Pend(JsonObject tierConfigRequest)
    {
        var status = RequestTransitions.Status(tierConfigRequest);
        if (status != "inquiring")
        {
            return WrongState("pend", status);
        }

        requests.SetStatus(tierConfigRequest, "pending");
        return ApiResult.NoContent();
    }

    public static ApiResult Assign(JsonObject tierConfigRequest, JsonObject? body)
    {
        tierConfigRequest["assignee"] = new JsonObject { ["id"] = JsonPath.GetString(body, "id") ?? "UR-000-000-000", ["email"] = JsonPath.GetString(body, "email") };
        return ApiResult.NoContent();
    }

    public static ApiResult Unassign(JsonObject tierConfigRequest)
    {
        tierConfigRequest["assignee"] = null;
        return ApiResult.NoContent();
    }

    private static ApiResult WrongState(string action, string status) =>
        ApiResult.Error(400, "TC_004", $"Cannot {action} a tier config request in status {status}.");
}
