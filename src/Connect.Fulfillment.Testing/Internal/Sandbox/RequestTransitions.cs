using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// The fulfillment request state machine: which status each call needs, what it changes on the request and its
/// asset, and the Connect error it answers otherwise. Every method runs under the store lock.
/// </summary>
internal sealed class RequestTransitions(SandboxStore store)
{
    private static readonly string[] Editable = ["pending", "inquiring", "draft"];
    private static readonly string[] Decidable = ["pending", "inquiring"];

    public static string Status(JsonObject entity) => JsonPath.GetString(entity, "status") ?? string.Empty;

    public void SetStatus(JsonObject entity, string status)
    {
        entity["status"] = status;
        entity["updated"] = store.Now();
    }

    public ApiResult Update(JsonObject request, JsonObject? body)
    {
        if (!Editable.Contains(Status(request)))
        {
            return ApiResult.Error(400, "REQ_003", "Only pending, draft or inquiring Fulfillments with enabled validation capability can be updated.");
        }

        if (ParameterRules.Apply(AssetParameters(request), (body?["asset"] as JsonObject)?["params"] as JsonArray) is { } error)
        {
            return error;
        }

        if (body?.TryGetPropertyValue("note", out var note) == true)
        {
            request["note"] = note?.DeepClone();
        }

        request["updated"] = store.Now();
        return ApiResult.Json(200, request);
    }

    public ApiResult Approve(JsonObject request, JsonObject? body)
    {
        if (!Decidable.Contains(Status(request)))
        {
            return WrongState(request, "approve", "pending or inquiring");
        }

        var templateId = JsonPath.GetString(body, "template_id");
        var tile = JsonPath.GetString(body, "activation_tile");
        JsonObject? template = null;
        if (templateId is not null)
        {
            template = store.FindTemplate(request, templateId);
            if (template is null)
            {
                return UnknownTemplate(templateId);
            }
        }
        else if (tile is null)
        {
            return ApiResult.Error(400, "REQ_005", "Missed fields: template_id or activation_tile.");
        }

        var parameters = AssetParameters(request);
        var empty = ParameterRules.EmptyRequired(parameters);
        if (empty.Count > 0)
        {
            return ApiResult.Error(400, "REQ_005", "There are empty required parameters.", new JsonObject { ["empty_params"] = empty });
        }

        var effective = JsonPath.GetString(body, "effective_date");
        if (effective is not null && !IsDate(effective))
        {
            return ApiResult.Error(400, "VAL_001", "effective_date: Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
        }

        if (template is not null)
        {
            request["activation_key"] = ParameterRules.Render(JsonPath.GetString(template, "body") ?? string.Empty, parameters);
            request["template"] = new JsonObject { ["id"] = templateId, ["name"] = JsonPath.GetString(template, "name") };
        }
        else
        {
            request["activation_key"] = tile;
        }

        request["effective_date"] = effective ?? store.Now();
        SetStatus(request, "approved");
        var assetStatus = JsonPath.GetString(request, "type") switch
        {
            "suspend" => "suspended",
            "cancel" => "terminated",
            _ => "active",
        };
        SetAssetStatus(request, assetStatus, copyParameters: true);
        return ApiResult.Json(200, request);
    }

    public ApiResult Fail(JsonObject request, JsonObject? body)
    {
        var reason = JsonPath.GetString(body, "reason");
        if (string.IsNullOrEmpty(reason))
        {
            return ApiResult.Error(400, "REQ_005", "Missed fields: reason.");
        }

        if (!Decidable.Contains(Status(request)))
        {
            return WrongState(request, "fail", "pending or inquiring");
        }

        SetStatus(request, "failed");
        request["reason"] = reason;
        if (JsonPath.GetString(request, "type") == "purchase")
        {
            SetAssetStatus(request, "terminated", copyParameters: false);
        }

        return ApiResult.Json(200, request);
    }

    /// <summary>Moves a pending request to inquiring; the body (optional, as in the spec) may name a template.</summary>
    public ApiResult Inquire(JsonObject request, JsonObject? body)
    {
        if (Status(request) != "pending")
        {
            return WrongState(request, "inquire", "pending");
        }

        if (!ParameterRules.AnyValueError(AssetParameters(request)))
        {
            return ApiResult.Error(400, "REQ_003", "For marking request to inquiring status at least one parameter should be marked as invalid.");
        }

        if (JsonPath.GetString(body, "template_id") is { } templateId)
        {
            if (store.FindTemplate(request, templateId) is not { } template)
            {
                return UnknownTemplate(templateId);
            }

            request["template"] = new JsonObject { ["id"] = templateId, ["name"] = JsonPath.GetString(template, "name") };
        }

        SetStatus(request, "inquiring");
        return ApiResult.Json(200, request);
    }

    /// <summary>Moves an inquiring request back to pending; the spec defines no body, so none is read.</summary>
    public ApiResult Pend(JsonObject request)
    {
        if (Status(request) != "inquiring")
        {
            return WrongState(request, "pend", "inquiring");
        }

        SetStatus(request, "pending");
        return ApiResult.Json(200, request);
    }

    public ApiResult Schedule(JsonObject request, JsonObject? body)
    {
        if (Status(request) != "pending")
        {
            return WrongState(request, "schedule", "pending");
        }

        var planned = JsonPath.GetString(body, "planned_date");
        if (string.IsNullOrEmpty(planned) || !IsDate(planned))
        {
            return ApiResult.Error(400, "VAL_001", "planned_date: Datetime has wrong format.");
        }

        SetStatus(request, "scheduled");
        request["planned_date"] = planned;
        return ApiResult.Json(200, request);
    }

    public ApiResult Assign(JsonObject request, JsonObject? body)
    {
        var userId = JsonPath.GetString(body, "id");
        var email = JsonPath.GetString(body, "email");
        if (userId is null && email is null)
        {
            return ApiResult.Error(400, "VAL_001", "Either id or email is required.");
        }

        var assignee = new JsonObject { ["id"] = userId ?? "UR-000-000-000" };
        if (email is not null)
        {
            assignee["email"] = email;
        }

        assignee["name"] = email ?? userId;
        request["assignee"] = assignee;
        request["updated"] = store.Now();
        return ApiResult.Json(200, request);
    }

    public ApiResult Unassign(JsonObject request)
    {
        request["assignee"] = string.Empty;
        request["updated"] = store.Now();
        return ApiResult.Json(200, request);
    }

    /// <summary>Releases requests waiting in <c>tiers_setup</c> for the tier account an approved tier config request configured.</summary>
    public void ReleaseTiersSetup(JsonObject tierConfigRequest)
    {
        var product = JsonPath.GetString(tierConfigRequest, "configuration.product.id");
        var account = JsonPath.GetString(tierConfigRequest, "configuration.account.id");
        var level = JsonPath.GetString(tierConfigRequest, "configuration.tier_level") == "2" ? "tier2" : "tier1";
        if (product is null || account is null)
        {
            return;
        }

        foreach (var r in store.Requests.Items)
        {
            if (Status(r) == "tiers_setup"
                && JsonPath.GetString(r, "asset.product.id") == product
                && JsonPath.GetString(r, $"asset.tiers.{level}.id") == account)
            {
                SetStatus(r, "pending");
            }
        }
    }

    private static JsonArray? AssetParameters(JsonObject request) => (request["asset"] as JsonObject)?["params"] as JsonArray;

    private static bool IsDate(string text) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static ApiResult UnknownTemplate(string templateId) =>
        ApiResult.Error(400, "VAL_001", $"template_id: Template {templateId} not found for the product.");

    private static ApiResult WrongState(JsonObject entity, string action, string allowed) =>
        ApiResult.Error(400, "REQ_004", $"Cannot {action} a request in status {Status(entity)}; it must be {allowed}.");

    /// <summary>Keeps the stored asset in step with the request's embedded asset.</summary>
    private void SetAssetStatus(JsonObject request, string status, bool copyParameters)
    {
        if (request["asset"] is not JsonObject asset)
        {
            return;
        }

        asset["status"] = status;
        if (JsonPath.GetString(asset, "id") is not { } assetId)
        {
            return;
        }

        var stored = store.Assets.Get(assetId);
        if (stored is null)
        {
            stored = asset.DeepClone().AsObject();
            store.Assets.Put(assetId, stored);
        }

        stored["status"] = status;
        if (copyParameters && asset["params"] is JsonArray parameters)
        {
            stored["params"] = parameters.DeepClone();
        }
    }
}
