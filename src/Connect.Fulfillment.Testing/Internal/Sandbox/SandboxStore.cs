using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// The sandbox data and its lookups. Every read or change of the collections happens under one lock: the seeding
/// and inspection methods take it themselves, and route handlers run a whole call inside <see cref="With"/>,
/// <see cref="List"/> or <see cref="Read{T}"/>.
/// </summary>
internal sealed partial class SandboxStore(TimeProvider timeProvider, int maxPageSize)
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif

    public int MaxPageSize { get; } = maxPageSize;

    public SandboxIds Ids { get; } = new();

    public OrderedStore Requests { get; } = new();

    public OrderedStore Assets { get; } = new();

    public OrderedStore TierConfigRequests { get; } = new();

    public OrderedStore Conversations { get; } = new();

    public OrderedStore Templates { get; } = new();

    public Dictionary<string, JsonObject> Products { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, string> ConversationByInstance { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, List<JsonObject>> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>The current time in Connect's timestamp format, from the sandbox's <see cref="TimeProvider"/>.</summary>
    public string Now() => timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public string AddRequest(JsonObject request)
    {
        var id = JsonPath.GetString(request, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = Ids.NextRequest();
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
            assetId = Ids.NextAsset();
            asset["id"] = assetId;
        }

        lock (_gate)
        {
            Requests.Put(id, request);
            if (!Assets.Contains(assetId))
            {
                var stored = asset.DeepClone().AsObject();
                var type = JsonPath.GetString(request, "type");
                stored["status"] = type == "purchase" ? "processing" : type == "resume" ? "suspended" : "active";
                Assets.Put(assetId, stored);
            }

            EnsureConversation(id, $"Fulfillment Request <{id}>");
        }

        return id;
    }

    public string AddTierConfigRequest(JsonObject tierConfigRequest)
    {
        var id = JsonPath.GetString(tierConfigRequest, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = Ids.NextTierConfigRequest();
            tierConfigRequest["id"] = id;
        }

        lock (_gate)
        {
            TierConfigRequests.Put(id, tierConfigRequest);
            EnsureConversation(id, $"Tier Configuration Request <{id}>");
        }

        return id;
    }

    public void AddAsset(JsonObject asset)
    {
        var id = JsonPath.GetString(asset, "id") ?? throw new ArgumentException("The asset has no id.", nameof(asset));
        lock (_gate)
        {
            Assets.Put(id, asset);
        }
    }

    public void AddProduct(JsonObject product, IEnumerable<JsonObject> templates)
    {
        var id = JsonPath.GetString(product, "id") ?? throw new ArgumentException("The product has no id.", nameof(product));
        lock (_gate)
        {
            Products[id] = product;
            foreach (var t in templates)
            {
                AddTemplateLocked(id, t);
            }
        }
    }

    public IReadOnlyList<string> AddTemplates(string productId, IEnumerable<JsonObject> templates)
    {
        lock (_gate)
        {
            if (!Products.ContainsKey(productId))
            {
                Products[productId] = new JsonObject { ["id"] = productId, ["name"] = productId };
            }

            return templates.Select(t => AddTemplateLocked(productId, t)).ToList();
        }
    }

    public void AddConversation(JsonObject conversation)
    {
        var id = JsonPath.GetString(conversation, "id") ?? throw new ArgumentException("The conversation has no id.", nameof(conversation));
        lock (_gate)
        {
            var messages = conversation["messages"] as JsonArray;
            conversation.Remove("messages");
            Conversations.Put(id, conversation);
            if (JsonPath.GetString(conversation, "instance_id") is { } instance)
            {
                ConversationByInstance[instance] = id;
            }

            Messages[id] = messages?.OfType<JsonObject>().Select(m => m.DeepClone().AsObject()).ToList() ?? [];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Requests.Clear();
            Assets.Clear();
            TierConfigRequests.Clear();
            Conversations.Clear();
            ConversationByInstance.Clear();
            Messages.Clear();
            Products.Clear();
            Templates.Clear();
            ClearUsage();
        }
    }

    /// <summary>Reads under the lock; the inspection API returns copies so callers never share live state.</summary>
    public T Read<T>(Func<SandboxStore, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }

    /// <summary>Runs a route's work on one stored object under the lock, or answers Connect's 404 when it is unknown.</summary>
    public ApiResult With(OrderedStore store, string id, string noun, Func<JsonObject, ApiResult> handle)
    {
        lock (_gate)
        {
            return store.Get(id) is { } entity ? handle(entity) : ApiResult.NotFound($"{noun} {id} not found.");
        }
    }

    /// <summary>Lists a collection under the lock, filtered and paged by the call's RQL query string.</summary>
    public ApiResult List(IEnumerable<JsonObject> items, string? rawQuery, Func<JsonObject, JsonNode>? project = null)
    {
        lock (_gate)
        {
            return ListPage.Create(items, rawQuery, MaxPageSize, project);
        }
    }

    public JsonObject? CopyOf(OrderedStore store, string id) => Read(_ => store.Get(id)?.DeepClone().AsObject());

    public string? ReadString(OrderedStore store, string id, string path) => Read(_ => JsonPath.GetString(store.Get(id), path));

    /// <summary>Finds a conversation by its id or by the id of the request it belongs to. Call under the lock.</summary>
    public JsonObject? FindConversation(string idOrInstance)
    {
        var conversation = Conversations.Get(idOrInstance);
        if (conversation is null && ConversationByInstance.TryGetValue(idOrInstance, out var id))
        {
            conversation = Conversations.Get(id);
        }

        return conversation;
    }

    /// <summary>The messages of a stored conversation, in the order they were posted. Call under the lock.</summary>
    public List<JsonObject> MessagesOf(JsonObject conversation) => Messages[JsonPath.GetString(conversation, "id")!];

    /// <summary>A copy of a conversation with its <c>messages</c>. Call under the lock.</summary>
    public JsonObject ConversationWithMessages(JsonObject conversation)
    {
        var clone = conversation.DeepClone().AsObject();
        clone["messages"] = new JsonArray(MessagesOf(conversation).Select(m => (JsonNode)m.DeepClone()).ToArray());
        return clone;
    }

    /// <summary>A template of the product of a request or tier config request, or null. Call under the lock.</summary>
    public JsonObject? FindTemplate(JsonObject request, string templateId)
    {
        var template = Templates.Get(templateId);
        var product = JsonPath.GetString(request, "asset.product.id") ?? JsonPath.GetString(request, "configuration.product.id");
        return template is not null && ProductOf(template) == product ? template : null;
    }

    public static string? ProductOf(JsonObject template) => JsonPath.GetString(template, "__product");

    /// <summary>A template as the API shows it (without the sandbox's product link).</summary>
    public static JsonObject PublicTemplate(JsonObject template)
    {
        var clone = template.DeepClone().AsObject();
        clone.Remove("__product");
        return clone;
    }

    private string AddTemplateLocked(string productId, JsonObject template)
    {
        var id = JsonPath.GetString(template, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = Ids.NextTemplate();
            template["id"] = id;
        }

        template["__product"] = productId;
        Templates.Put(id, template);
        return id;
    }

    private void EnsureConversation(string instanceId, string topic)
    {
        if (ConversationByInstance.ContainsKey(instanceId))
        {
            return;
        }

        var id = Ids.NextConversation();
        Conversations.Put(id, new JsonObject
        {
            ["id"] = id,
            ["instance_id"] = instanceId,
            ["created"] = Now(),
            ["topic"] = topic,
        });
        ConversationByInstance[instanceId] = id;
        Messages[id] = [];
    }
}
