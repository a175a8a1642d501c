using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connect.Fulfillment.Testing.Internal;

/// <summary>Insertion-ordered collection of JSON objects keyed by id.</summary>
internal sealed class OrderedStore
{
    private readonly List<JsonObject> _items = [];
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public IReadOnlyList<JsonObject> Items => _items;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public JsonObject? Get(string id) => _byId.GetValueOrDefault(id);

    public void Put(string id, JsonObject item)
    {
        if (_byId.TryGetValue(id, out var existing))
        {
            _items[_items.IndexOf(existing)] = item;
        }
        else
        {
            _items.Add(item);
        }

        _byId[id] = item;
    }

    public void Clear()
    {
        _items.Clear();
        _byId.Clear();
    }
}

/// <summary>All sandbox state, guarded by a single lock, and the Connect API semantics over it.</summary>
internal sealed partial class SandboxState(TimeProvider timeProvider, int maxPageSize)
{
    private static readonly string[] RequestEditable = ["pending", "inquiring", "draft"];
    private static readonly string[] TcrEditable = ["pending", "inquiring"];
    private static readonly string[] Decidable = ["pending", "inquiring"];

#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly OrderedStore _requests = new();
    private readonly OrderedStore _assets = new();
    private readonly OrderedStore _tcrs = new();
    private readonly OrderedStore _conversations = new();
    private readonly Dictionary<string, string> _conversationByInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _products = new(StringComparer.Ordinal);
    private readonly OrderedStore _templates = new();
    private long _requestCounter;
    private long _assetCounter;
    private long _tcrCounter;
    private long _conversationCounter;
    private long _messageCounter;
    private long _templateCounter;

    public int MaxPageSize { get; } = maxPageSize;

    public string Now() => timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    // ---- id generation -------------------------------------------------------------------------

    public string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requestCounter);
        return string.Create(CultureInfo.InvariantCulture, $"PR-{(n / 100_000_000) % 10_000:0000}-{(n / 10_000) % 10_000:0000}-{n % 10_000:0000}-001");
    }

    public string NextAssetId() => Triple("AS", Interlocked.Increment(ref _assetCounter));

    public string NextTcrId() => Triple("TCR", Interlocked.Increment(ref _tcrCounter)) + "-001";

    public string NextTemplateId() => Triple("TL", Interlocked.Increment(ref _templateCounter));

    private static string Triple(string prefix, long n) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{(n / 1_000_000) % 1000:000}-{(n / 1000) % 1000:000}-{n % 1000:000}");

    // ---- seeding -------------------------------------------------------------------------------

    public string AddRequest(JsonObject request)
    {
        var id = JsonPath.GetString(request, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = NextRequestId();
            request["id"] = id;
        }

        if (request["asset"] is not JsonObject asset)
        {
            asset = [];
            request["asset"] = asset;
        }

        var assetId = JsonPath.GetString(asset, "id");
        if (string.IsNullOrEmpty(assetId))
        {
            assetId = NextAssetId();
            asset["id"] = assetId;
        }

        lock (_gate)
        {
            _requests.Put(id, request);
            if (!_assets.Contains(assetId))
            {
                var stored = asset.DeepClone().AsObject();
                var type = JsonPath.GetString(request, "type");
                stored["status"] = type == "purchase" ? "processing" : type == "resume" ? "suspended" : "active";
                _assets.Put(assetId, stored);
            }

            EnsureConversation(id, $"Fulfillment Request <{id}>");
        }

        return id;
    }

    public string AddTierConfigRequest(JsonObject tcr)
    {
        var id = JsonPath.GetString(tcr, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = NextTcrId();
            tcr["id"] = id;
        }

        lock (_gate)
        {
            _tcrs.Put(id, tcr);
            EnsureConversation(id, $"Tier Configuration Request <{id}>");
        }

        return id;
    }

    public void AddAsset(JsonObject asset)
    {
        var id = JsonPath.GetString(asset, "id") ?? throw new ArgumentException("The asset has no id.", nameof(asset));
        lock (_gate)
        {
            _assets.Put(id, asset);
        }
    }

    public void AddProduct(JsonObject product, IEnumerable<JsonObject> templates)
    {
        var id = JsonPath.GetString(product, "id") ?? throw new ArgumentException("The product has no id.", nameof(product));
        lock (_gate)
        {
            _products[id] = product;
            foreach (var t in templates)
            {
                AddTemplateLocked(id, t);
            }
        }
    }

    public IReadOnlyList<string> AddTemplates(string productId, IEnumerable<JsonObject> templates)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            if (!_products.ContainsKey(productId))
            {
                _products[productId] = new JsonObject { ["id"] = productId, ["name"] = productId };
            }

            foreach (var t in templates)
            {
                ids.Add(AddTemplateLocked(productId, t));
            }
        }

        return ids;
    }

    private string AddTemplateLocked(string productId, JsonObject template)
    {
        var id = JsonPath.GetString(template, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = NextTemplateId();
            template["id"] = id;
        }

        template["__product"] = productId;
        _templates.Put(id, template);
        return id;
    }

    public void AddConversation(JsonObject conversation)
    {
        var id = JsonPath.GetString(conversation, "id") ?? throw new ArgumentException("The conversation has no id.", nameof(conversation));
        lock (_gate)
        {
            var messages = conversation["messages"] as JsonArray;
            conversation.Remove("messages");
            _conversations.Put(id, conversation);
            var instance = JsonPath.GetString(conversation, "instance_id");
            if (instance is not null)
            {
                _conversationByInstance[instance] = id;
            }

            var list = new List<JsonObject>();
            if (messages is not null)
            {
                foreach (var m in messages)
                {
                    if (m is JsonObject mo)
                    {
                        list.Add(mo.DeepClone().AsObject());
                    }
                }
            }

            _messages[id] = list;
        }
    }

    private void EnsureConversation(string instanceId, string topic)
    {
        if (_conversationByInstance.ContainsKey(instanceId))
        {
            return;
        }

        var id = Triple("CO", Interlocked.Increment(ref _conversationCounter));
        _conversations.Put(id, new JsonObject
        {
            ["id"] = id,
            ["instance_id"] = instanceId,
            ["created"] = Now(),
            ["topic"] = topic,
        });
        _conversationByInstance[instanceId] = id;
        _messages[id] = [];
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _assets.Clear();
            _tcrs.Clear();
            _conversations.Clear();
            _conversationByInstance.Clear();
            _messages.Clear();
            _products.Clear();
            _templates.Clear();
        }
    }

    // ---- inspection ----------------------------------------------------------------------------

    public JsonObject? GetRequest(string id) => CloneOf(_requests, id);

    public JsonObject? GetAsset(string id) => CloneOf(_assets, id);

    public JsonObject? GetTierConfigRequest(string id) => CloneOf(_tcrs, id);

    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public string? ReadString(Func<SandboxState, JsonObject?> select, string path)
    {
        lock (_gate)
        {
            return JsonPath.GetString(select(this), path);
        }
    }

    public string? RequestField(string id, string path) => ReadString(s => s._requests.Get(id), path);

    public string? AssetField(string id, string path) => ReadString(s => s._assets.Get(id), path);

    public string? TcrField(string id, string path) => ReadString(s => s._tcrs.Get(id), path);

    public string? RequestParameterValue(string requestId, string parameterId)
    {
        lock (_gate)
        {
            var req = _requests.Get(requestId);
            var param = FindParam((req?["asset"] as JsonObject)?["params"] as JsonArray, parameterId)
                ?? FindParam(req?["params"] as JsonArray, parameterId);
            return param is null ? null : JsonPath.GetString(param, "value");
        }
    }

    public string? TcrParameterValue(string tcrId, string parameterId)
    {
        lock (_gate)
        {
            var param = FindParam(_tcrs.Get(tcrId)?["params"] as JsonArray, parameterId);
            return param is null ? null : JsonPath.GetString(param, "value");
        }
    }

    public JsonObject? GetConversation(string idOrInstance)
    {
        lock (_gate)
        {
            var conv = FindConversationLocked(idOrInstance);
            return conv is null ? null : ConversationWithMessages(conv);
        }
    }

    public IReadOnlyList<JsonObject> GetMessages(string idOrInstance)
    {
        lock (_gate)
        {
            var conv = FindConversationLocked(idOrInstance);
            return conv is null ? [] : _messages[JsonPath.GetString(conv, "id")!].Select(m => m.DeepClone().AsObject()).ToList();
        }
    }

    private JsonObject? CloneOf(OrderedStore store, string id)
    {
        lock (_gate)
        {
            return store.Get(id)?.DeepClone().AsObject();
        }
    }

    private JsonObject? FindConversationLocked(string idOrInstance)
    {
        var conv = _conversations.Get(idOrInstance);
        if (conv is null && _conversationByInstance.TryGetValue(idOrInstance, out var cid))
        {
            conv = _conversations.Get(cid);
        }

        return conv;
    }

    private JsonObject ConversationWithMessages(JsonObject conv)
    {
        var clone = conv.DeepClone().AsObject();
        var messages = new JsonArray();
        foreach (var m in _messages[JsonPath.GetString(conv, "id")!])
        {
            messages.Add(m.DeepClone());
        }

        clone["messages"] = messages;
        return clone;
    }

    private static JsonObject? FindParam(JsonArray? parameters, string id)
    {
        if (parameters is null)
        {
            return null;
        }

        foreach (var p in parameters)
        {
            if (p is JsonObject o && JsonPath.GetString(o, "id") == id)
            {
                return o;
            }
        }

        return null;
    }

    // ---- HTTP API ------------------------------------------------------------------------------

    /// <summary>Dispatches one API call. <paramref name="segments"/> are the path segments after /public/v1.</summary>
    public ApiResult Handle(string method, string[] segments, string? rawQuery, JsonObject? body)
    {
        try
        {
            return Route(method, segments, rawQuery, body);
        }
        catch (RqlException ex)
        {
            return ApiResult.Error(400, "RQL_001", ex.Message);
        }
    }

    private ApiResult Route(string method, string[] s, string? q, JsonObject? body)
    {
        var n = s.Length;
        if (n == 0)
        {
            return UnknownRoute();
        }

        switch (s[0])
        {
            case "requests":
                return RouteEntity(method, s, 1, q, body, _requests, "Request", RequestAction, UpdateRequest);
            case "tier" when n >= 2 && s[1] == "config-requests":
                return RouteEntity(method, s, 2, q, body, _tcrs, "Tier config request", TcrAction, UpdateTcr);
            case "assets":
                return RouteEntity(method, s, 1, q, body, _assets, "Asset", null, null);
            case "products" when n == 3 && s[2] == "templates" && method == "GET":
                return ListTemplates(s[1], q);
            case "products" when n == 4 && s[2] == "templates" && method == "GET":
                lock (_gate)
                {
                    var t = _templates.Get(s[3]);
                    return t is null || JsonPath.GetString(t, "__product") != s[1] ? ApiResult.NotFound($"Template {s[3]} not found.") : ApiResult.Json(200, PublicTemplate(t));
                }

            case "products" when n == 2 && method == "GET":
                lock (_gate)
                {
                    return _products.TryGetValue(s[1], out var p) ? ApiResult.Json(200, p) : ApiResult.NotFound($"Product {s[1]} not found.");
                }

            case "conversations":
                return RouteConversations(method, s, q, body);
            default:
                return UnknownRoute();
        }
    }

    private static ApiResult UnknownRoute() => ApiResult.Error(404, "NOT_FOUND", "The requested resource was not found.");

    private delegate ApiResult ActionHandler(JsonObject entity, string action, JsonObject? body);

    private delegate ApiResult UpdateHandler(JsonObject entity, JsonObject? body);

    private ApiResult RouteEntity(string method, string[] s, int start, string? q, JsonObject? body, OrderedStore store, string noun, ActionHandler? action, UpdateHandler? update)
    {
        var rest = s.Length - start;
        if (rest == 0)
        {
            return method == "GET" ? List(store.Items, q, null) : MethodNotAllowed();
        }

        var id = s[start];
        lock (_gate)
        {
            var entity = store.Get(id);
            if (entity is null)
            {
                return ApiResult.Error(404, "NOT_FOUND", $"{noun} {id} not found.");
            }

            if (rest == 1)
            {
                return method switch
                {
                    "GET" => ApiResult.Json(200, entity),
                    "PUT" when update is not null => update(entity, body),
                    _ => MethodNotAllowed(),
                };
            }

            if (rest == 2 && method == "POST" && action is not null)
            {
                return action(entity, s[start + 1], body);
            }

            return UnknownRoute();
        }
    }

    private static ApiResult MethodNotAllowed() => ApiResult.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed.");

    private ApiResult List(IReadOnlyList<JsonObject> source, string? rawQuery, Func<JsonObject, bool>? scope)
    {
        var query = ListQuery.Parse(rawQuery);
        var limit = query.Limit ?? 100;
        var pageSize = Math.Min(limit, MaxPageSize);
        var page = new List<JsonNode>(Math.Min(pageSize, 128));
        var total = 0;
        lock (_gate)
        {
            foreach (var item in source)
            {
                if ((scope is null || scope(item)) && query.Matches(item))
                {
                    if (total >= query.Offset && page.Count < pageSize)
                    {
                        page.Add(item);
                    }

                    total++;
                }
            }

            var range = page.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"items 0-0/{total}")
                : string.Create(CultureInfo.InvariantCulture, $"items {query.Offset}-{query.Offset + page.Count - 1}/{total}");
            return new ApiResult(200, ApiResult.SerializePage(page), range);
        }
    }

    private ApiResult ListTemplates(string productId, string? q)
    {
        lock (_gate)
        {
            if (!_products.ContainsKey(productId))
            {
                return ApiResult.NotFound($"Product {productId} not found.");
            }

            var query = ListQuery.Parse(q);
            var limit = Math.Min(query.Limit ?? 100, MaxPageSize);
            var matched = _templates.Items.Where(t => JsonPath.GetString(t, "__product") == productId && query.Matches(t)).ToList();
            var page = matched.Skip(query.Offset).Take(limit).Select(t => (JsonNode)PublicTemplate(t)).ToList();
            var range = page.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"items 0-0/{matched.Count}")
                : string.Create(CultureInfo.InvariantCulture, $"items {query.Offset}-{query.Offset + page.Count - 1}/{matched.Count}");
            return new ApiResult(200, ApiResult.SerializePage(page), range);
        }
    }

    private static JsonObject PublicTemplate(JsonObject t)
    {
        var clone = t.DeepClone().AsObject();
        clone.Remove("__product");
        return clone;
    }

    private ApiResult RouteConversations(string method, string[] s, string? q, JsonObject? body)
    {
        if (s.Length == 1)
        {
            return method == "GET" ? List(_conversations.Items, q, null) : MethodNotAllowed();
        }

        lock (_gate)
        {
            var conv = FindConversationLocked(s[1]);
            if (conv is null)
            {
                return ApiResult.NotFound($"Conversation {s[1]} not found.");
            }

            var convId = JsonPath.GetString(conv, "id")!;
            if (s.Length == 2 && method == "GET")
            {
                return ApiResult.Json(200, ConversationWithMessages(conv));
            }

            if (s.Length == 3 && s[2] == "messages")
            {
                if (method == "GET")
                {
                    var messages = _messages[convId];
                    return new ApiResult(200, ApiResult.SerializePage(messages), messages.Count == 0 ? $"items 0-0/0" : string.Create(CultureInfo.InvariantCulture, $"items 0-{messages.Count - 1}/{messages.Count}"));
                }

                if (method == "POST")
                {
                    var text = JsonPath.GetString(body, "text");
                    if (string.IsNullOrEmpty(text))
                    {
                        return ApiResult.Error(400, "VAL_001", "text: This field is required.");
                    }

                    var message = new JsonObject
                    {
                        ["id"] = Triple("ME", Interlocked.Increment(ref _messageCounter)),
                        ["conversation"] = convId,
                        ["created"] = Now(),
                        ["creator"] = new JsonObject { ["id"] = "SU-000-000-000", ["name"] = "Sandbox Automation" },
                        ["text"] = text,
                        ["type"] = JsonPath.GetString(body, "type") ?? "message",
                    };
                    _messages[convId].Add(message);
                    return ApiResult.Json(201, message);
                }
            }

            return UnknownRoute();
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    private static string Status(JsonObject o) => JsonPath.GetString(o, "status") ?? string.Empty;

    private ApiResult UpdateRequest(JsonObject request, JsonObject? body)
    {
        if (!RequestEditable.Contains(Status(request)))
        {
            return ApiResult.Error(400, "REQ_003", "Only pending, draft or inquiring Fulfillments with enabled validation capability can be updated.");
        }

        var updates = (body?["asset"] as JsonObject)?["params"] as JsonArray;
        var target = (request["asset"] as JsonObject)?["params"] as JsonArray;
        var error = ApplyParams(target, updates);
        if (error is not null)
        {
            return error.Value;
        }

        if (body?.TryGetPropertyValue("note", out var note) == true)
        {
            request["note"] = note?.DeepClone();
        }

        request["updated"] = Now();
        return ApiResult.Json(200, request);
    }

    private ApiResult UpdateTcr(JsonObject tcr, JsonObject? body)
    {
        if (!TcrEditable.Contains(Status(tcr)))
        {
            return ApiResult.Error(400, "TC_003", "Only pending or inquiring Tier Config Requests can be updated.");
        }

        var error = ApplyParams(tcr["params"] as JsonArray, body?["params"] as JsonArray);
        if (error is not null)
        {
            return error.Value;
        }

        if (body?.TryGetPropertyValue("notes", out var notes) == true)
        {
            tcr["notes"] = notes?.DeepClone();
        }

        return ApiResult.Json(200, tcr);
    }

    private static ApiResult? ApplyParams(JsonArray? target, JsonArray? updates)
    {
        if (updates is null)
        {
            return null;
        }

        // Validate first so a bad update changes nothing.
        var pairs = new List<(JsonObject Target, JsonObject Update)>();
        foreach (var u in updates)
        {
            if (u is not JsonObject update || JsonPath.GetString(update, "id") is not { } pid)
            {
                return ApiResult.Error(400, "VAL_001", "params: Each parameter must be an object with an id.");
            }

            var existing = FindParam(target, pid);
            if (existing is null)
            {
                return ApiResult.Error(400, "VAL_001", $"params: Parameter {pid} does not exist.");
            }

            pairs.Add((existing, update));
        }

        foreach (var (existing, update) in pairs)
        {
            foreach (var field in (ReadOnlySpan<string>)["value", "value_error", "structured_value"])
            {
                if (update.TryGetPropertyValue(field, out var v))
                {
                    existing[field] = v?.DeepClone();
                }
            }
        }

        return null;
    }

    private ApiResult WrongState(JsonObject entity, string action, string allowed) =>
        ApiResult.Error(400, "REQ_004", $"Cannot {action} a request in status {Status(entity)}; it must be {allowed}.");

    private ApiResult RequestAction(JsonObject request, string action, JsonObject? body)
    {
        var status = Status(request);
        switch (action)
        {
            case "approve":
                return ApproveRequest(request, body);
            case "fail":
                {
                    var reason = JsonPath.GetString(body, "reason");
                    if (string.IsNullOrEmpty(reason))
                    {
                        return ApiResult.Error(400, "REQ_005", "Missed fields: reason.");
                    }

                    if (!Decidable.Contains(status))
                    {
                        return WrongState(request, "fail", "pending or inquiring");
                    }

                    SetStatus(request, "failed");
                    request["reason"] = reason;
                    if (JsonPath.GetString(request, "type") == "purchase")
                    {
                        SetAssetStatus(request, "terminated", copyParams: false);
                    }

                    return ApiResult.Json(200, request);
                }

            case "inquire":
                {
                    if (status != "pending")
                    {
                        return WrongState(request, "inquire", "pending");
                    }

                    var hasError = ((request["asset"] as JsonObject)?["params"] as JsonArray)?
                        .Any(p => !string.IsNullOrEmpty(JsonPath.GetString(p, "value_error"))) == true;
                    if (!hasError)
                    {
                        return ApiResult.Error(400, "REQ_003", "For marking request to inquiring status at least one parameter should be marked as invalid.");
                    }

                    var templateId = JsonPath.GetString(body, "template_id");
                    if (templateId is not null)
                    {
                        var t = FindTemplate(request, templateId);
                        if (t is null)
                        {
                            return ApiResult.Error(400, "VAL_001", $"template_id: Template {templateId} not found for the product.");
                        }

                        request["template"] = new JsonObject { ["id"] = templateId, ["name"] = JsonPath.GetString(t, "name") };
                    }

                    SetStatus(request, "inquiring");
                    return ApiResult.Json(200, request);
                }

            case "pend":
                if (status != "inquiring")
                {
                    return WrongState(request, "pend", "inquiring");
                }

                SetStatus(request, "pending");
                return ApiResult.Json(200, request);
            case "schedule":
                {
                    if (status != "pending")
                    {
                        return WrongState(request, "schedule", "pending");
                    }

                    var planned = JsonPath.GetString(body, "planned_date");
                    if (string.IsNullOrEmpty(planned) || !DateTimeOffset.TryParse(planned, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        return ApiResult.Error(400, "VAL_001", "planned_date: Datetime has wrong format.");
                    }

                    SetStatus(request, "scheduled");
                    request["planned_date"] = planned;
                    return ApiResult.Json(200, request);
                }

            case "assign":
                {
                    var uid = JsonPath.GetString(body, "id");
                    var email = JsonPath.GetString(body, "email");
                    if (uid is null && email is null)
                    {
                        return ApiResult.Error(400, "VAL_001", "Either id or email is required.");
                    }

                    var assignee = new JsonObject { ["id"] = uid ?? "UR-000-000-000" };
                    if (email is not null)
                    {
                        assignee["email"] = email;
                    }

                    assignee["name"] = email ?? uid;
                    request["assignee"] = assignee;
                    request["updated"] = Now();
                    return ApiResult.Json(200, request);
                }

            case "unassign":
                request["assignee"] = string.Empty;
                request["updated"] = Now();
                return ApiResult.Json(200, request);
            default:
                return UnknownRoute();
        }
    }

    private JsonObject? FindTemplate(JsonObject request, string templateId)
    {
        var t = _templates.Get(templateId);
        var product = JsonPath.GetString(request, "asset.product.id") ?? JsonPath.GetString(request, "configuration.product.id");
        return t is not null && JsonPath.GetString(t, "__product") == product ? t : null;
    }

    private ApiResult ApproveRequest(JsonObject request, JsonObject? body)
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
            template = FindTemplate(request, templateId);
            if (template is null)
            {
                return ApiResult.Error(400, "VAL_001", $"template_id: Template {templateId} not found for the product.");
            }
        }
        else if (tile is null)
        {
            return ApiResult.Error(400, "REQ_005", "Missed fields: template_id or activation_tile.");
        }

        var parameters = (request["asset"] as JsonObject)?["params"] as JsonArray;
        var empty = new JsonArray();
        foreach (var p in parameters ?? [])
        {
            if (p is JsonObject po && JsonPath.GetString(po, "phase") != "ordering"
                && JsonPath.GetString(po, "constraints.required") == "true"
                && string.IsNullOrEmpty(JsonPath.GetString(po, "value"))
                && (po["structured_value"] is not JsonObject sv || sv.Count == 0))
            {
                empty.Add(JsonPath.GetString(po, "id"));
            }
        }

        if (empty.Count > 0)
        {
            return ApiResult.Error(400, "REQ_005", "There are empty required parameters.", new JsonObject { ["empty_params"] = empty });
        }

        var effective = JsonPath.GetString(body, "effective_date");
        if (effective is not null && !DateTimeOffset.TryParse(effective, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return ApiResult.Error(400, "VAL_001", "effective_date: Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
        }

        if (template is not null)
        {
            request["activation_key"] = Render(JsonPath.GetString(template, "body") ?? string.Empty, parameters);
            request["template"] = new JsonObject { ["id"] = templateId, ["name"] = JsonPath.GetString(template, "name") };
        }
        else
        {
            request["activation_key"] = tile;
        }

        request["effective_date"] = effective ?? Now();
        SetStatus(request, "approved");
        var assetStatus = JsonPath.GetString(request, "type") switch
        {
            "suspend" => "suspended",
            "cancel" => "terminated",
            _ => "active",
        };
        SetAssetStatus(request, assetStatus, copyParams: true);
        return ApiResult.Json(200, request);
    }

    private static string Render(string body, JsonArray? parameters) =>
        PlaceholderRegex().Replace(body, m =>
        {
            var p = FindParam(parameters, m.Groups[1].Value);
            return p is null ? m.Value : JsonPath.GetString(p, "value") ?? string.Empty;
        });

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();

    private void SetStatus(JsonObject entity, string status)
    {
        entity["status"] = status;
        entity["updated"] = Now();
    }

    private void SetAssetStatus(JsonObject request, string status, bool copyParams)
    {
        if (request["asset"] is not JsonObject asset)
        {
            return;
        }

        asset["status"] = status;
        var assetId = JsonPath.GetString(asset, "id");
        if (assetId is null)
        {
            return;
        }

        var stored = _assets.Get(assetId);
        if (stored is null)
        {
            stored = asset.DeepClone().AsObject();
            _assets.Put(assetId, stored);
        }

        stored["status"] = status;
        if (copyParams && asset["params"] is JsonArray ps)
        {
            stored["params"] = ps.DeepClone();
        }
    }

    // ---- tier config requests ------------------------------------------------------------------

    private ApiResult TcrAction(JsonObject tcr, string action, JsonObject? body)
    {
        var status = Status(tcr);
        switch (action)
        {
            case "approve":
                {
                    if (!Decidable.Contains(status))
                    {
                        return ApiResult.Error(400, "TC_004", $"Cannot approve a tier config request in status {status}.");
                    }

                    var templateId = JsonPath.GetString(body, "template.id");
                    var representation = JsonPath.GetString(body, "template.representation");
                    if (templateId is not null)
                    {
                        var t = FindTemplate(tcr, templateId);
                        if (t is null)
                        {
                            return ApiResult.Error(400, "VAL_001", $"template: Template {templateId} not found for the product.");
                        }

                        representation = Render(JsonPath.GetString(t, "body") ?? string.Empty, tcr["params"] as JsonArray);
                    }
                    else if (representation is null)
                    {
                        return ApiResult.Error(400, "VAL_001", "template: This field is required.");
                    }

                    SetStatus(tcr, "approved");
                    var template = new JsonObject { ["id"] = templateId, ["representation"] = representation };
                    tcr["template"] = template.DeepClone();
                    ReleaseTiersSetup(tcr);
                    return ApiResult.Json(200, new JsonObject { ["template"] = template });
                }

            case "fail":
                {
                    var reason = JsonPath.GetString(body, "reason");
                    if (string.IsNullOrEmpty(reason))
                    {
                        return ApiResult.Error(400, "TC_005", "Missed fields: reason.");
                    }

                    if (!Decidable.Contains(status))
                    {
                        return ApiResult.Error(400, "TC_004", $"Cannot fail a tier config request in status {status}.");
                    }

                    SetStatus(tcr, "failed");
                    tcr["reason"] = reason;
                    return ApiResult.NoContent();
                }

            case "inquire":
                {
                    if (status != "pending")
                    {
                        return ApiResult.Error(400, "TC_004", $"Cannot inquire a tier config request in status {status}.");
                    }

                    var hasError = (tcr["params"] as JsonArray)?.Any(p => !string.IsNullOrEmpty(JsonPath.GetString(p, "value_error"))) == true;
                    if (!hasError)
                    {
                        return ApiResult.Error(400, "TC_003", "For marking request to inquiring status at least one parameter should be marked as invalid.");
                    }

                    SetStatus(tcr, "inquiring");
                    return ApiResult.NoContent();
                }

            case "pend":
                if (status != "inquiring")
                {
                    return ApiResult.Error(400, "TC_004", $"Cannot pend a tier config request in status {status}.");
                }

                SetStatus(tcr, "pending");
                return ApiResult.NoContent();
            case "assign":
                tcr["assignee"] = new JsonObject { ["id"] = JsonPath.GetString(body, "id") ?? "UR-000-000-000", ["email"] = JsonPath.GetString(body, "email") };
                return ApiResult.NoContent();
            case "unassign":
                tcr["assignee"] = null;
                return ApiResult.NoContent();
            default:
                return UnknownRoute();
        }
    }

    private void ReleaseTiersSetup(JsonObject tcr)
    {
        var product = JsonPath.GetString(tcr, "configuration.product.id");
        var account = JsonPath.GetString(tcr, "configuration.account.id");
        var level = JsonPath.GetString(tcr, "configuration.tier_level") == "2" ? "tier2" : "tier1";
        if (product is null || account is null)
        {
            return;
        }

        foreach (var r in _requests.Items)
        {
            if (Status(r) == "tiers_setup"
                && JsonPath.GetString(r, "asset.product.id") == product
                && JsonPath.GetString(r, $"asset.tiers.{level}.id") == account)
            {
                SetStatus(r, "pending");
            }
        }
    }
}
