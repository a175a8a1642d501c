using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;

namespace Connect.Fulfillment.Testing;

/// <summary>Builds a fulfillment request for seeding; defaults look like a preview purchase request from Connect.</summary>
public sealed class RequestBuilder
{
    internal RequestBuilder(JsonObject request) => Request = request;

    internal JsonObject Request { get; }

    private JsonObject AssetNode => (JsonObject)Request["asset"]!;

    /// <summary>Sets the request id (by default one is generated in the <c>PR-XXXX-XXXX-XXXX-001</c> format).</summary>
    /// <param name="id">The request id.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Id(string id)
    {
        Request["id"] = id;
        return this;
    }

    /// <summary>Sets the request type: purchase, change, suspend, resume, cancel, adjustment, …</summary>
    /// <param name="type">The type.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Type(string type)
    {
        Request["type"] = type;
        return this;
    }

    /// <summary>Sets the request status: pending, inquiring, tiers_setup, draft, approved, failed, …</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Status(string status)
    {
        Request["status"] = status;
        return this;
    }

    /// <summary>Sets the asset's product.</summary>
    /// <param name="productId">The product id, e.g. <c>PRD-123-456-789</c>.</param>
    /// <param name="name">The product name.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Product(string productId, string? name = null)
    {
        var product = (JsonObject)AssetNode["product"]!;
        product["id"] = productId;
        if (name is not null)
        {
            product["name"] = name;
        }

        return this;
    }

    /// <summary>Sets the connection type (environment): preview, test or production.</summary>
    /// <param name="connectionType">The connection type.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Environment(string connectionType)
    {
        AssetNode["connection"]!["type"] = connectionType;
        return this;
    }

    /// <summary>Sets the marketplace of the request and the asset.</summary>
    /// <param name="marketplaceId">The marketplace id, e.g. <c>MP-12345</c>.</param>
    /// <param name="name">The marketplace name.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Marketplace(string marketplaceId, string? name = null)
    {
        var mp = new JsonObject { ["id"] = marketplaceId, ["name"] = name ?? "Sandbox Marketplace" };
        Request["marketplace"] = mp;
        AssetNode["marketplace"] = mp.DeepClone();
        return this;
    }

    /// <summary>Sets the asset id (by default one is generated).</summary>
    /// <param name="assetId">The asset id, e.g. <c>AS-123-456-789</c>.</param>
    /// <param name="externalId">The asset's external id.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Asset(string assetId, string? externalId = null)
    {
        AssetNode["id"] = assetId;
        if (externalId is not null)
        {
            AssetNode["external_id"] = externalId;
        }

        return this;
    }

    /// <summary>Adds an asset parameter.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="phase">ordering, fulfillment or configuration.</param>
    /// <param name="value">The value (stored as "" when null).</param>
    /// <param name="type">The parameter type, e.g. text, email, checkbox.</param>
    /// <param name="valueError">The value error (stored as "" when null).</param>
    /// <param name="required">Whether <c>constraints.required</c> is true.</param>
    /// <param name="structuredValue">An optional structured value.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Parameter(string id, string phase = "fulfillment", string? value = null, string type = "text", string? valueError = null, bool required = false, JsonObject? structuredValue = null)
    {
        ((JsonArray)AssetNode["params"]!).Add(Seeds.Param(id, phase, value, type, valueError, required, structuredValue, "asset"));
        return this;
    }

    /// <summary>Adds an item to the asset.</summary>
    /// <param name="mpn">The item MPN (also used as the item id unless <paramref name="id"/> is given).</param>
    /// <param name="quantity">The new quantity.</param>
    /// <param name="oldQuantity">The previous quantity.</param>
    /// <param name="id">The item id.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Item(string mpn, int quantity, int oldQuantity = 0, string? id = null)
    {
        ((JsonArray)AssetNode["items"]!).Add(new JsonObject
        {
            ["id"] = id ?? mpn,
            ["global_id"] = id ?? mpn,
            ["mpn"] = mpn,
            ["display_name"] = mpn,
            ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
            ["old_quantity"] = oldQuantity.ToString(CultureInfo.InvariantCulture),
            ["type"] = "Users",
            ["period"] = "Monthly",
            ["item_type"] = "Reservation",
        });
        return this;
    }

    /// <summary>Sets the customer tier account.</summary>
    /// <param name="accountId">The account id (<c>TA-…</c>).</param>
    /// <param name="name">The account name.</param>
    /// <param name="email">The contact email.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Customer(string accountId, string? name = null, string? email = null) => Tier("customer", accountId, name, email);

    /// <summary>Sets the tier 1 (reseller) account.</summary>
    /// <param name="accountId">The account id (<c>TA-…</c>).</param>
    /// <param name="name">The account name.</param>
    /// <param name="email">The contact email.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Tier1(string accountId, string? name = null, string? email = null) => Tier("tier1", accountId, name, email);

    /// <summary>Sets the tier 2 account.</summary>
    /// <param name="accountId">The account id (<c>TA-…</c>).</param>
    /// <param name="name">The account name.</param>
    /// <param name="email">The contact email.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Tier2(string accountId, string? name = null, string? email = null) => Tier("tier2", accountId, name, email);

    /// <summary>Sets the request note.</summary>
    /// <param name="note">The note.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Note(string note)
    {
        Request["note"] = note;
        return this;
    }

    /// <summary>Sets the created/updated timestamps.</summary>
    /// <param name="created">The creation time.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Created(DateTimeOffset created)
    {
        var text = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
        Request["created"] = text;
        Request["updated"] = text;
        return this;
    }

    /// <summary>Edits the underlying JSON directly, for fields the builder has no method for.</summary>
    /// <param name="edit">Receives the request object.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder Configure(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Request);
        return this;
    }

    private RequestBuilder Tier(string level, string accountId, string? name, string? email)
    {
        AssetNode["tiers"]![level] = Seeds.Account(accountId, name ?? $"Sandbox {level}", email ?? $"{level}@sandbox.example.com");
        return this;
    }
}

/// <summary>Builds a product with templates for seeding.</summary>
public sealed class ProductBuilder
{
    internal ProductBuilder(string productId) =>
        Product = new JsonObject { ["id"] = productId, ["name"] = "Sandbox Product", ["status"] = "published" };

    internal JsonObject Product { get; }

    internal List<JsonObject> Templates { get; } = [];

    /// <summary>Sets the product name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Name(string name)
    {
        Product["name"] = name;
        return this;
    }

    /// <summary>Adds a template to the product.</summary>
    /// <param name="id">The template id (<c>TL-…</c>), or null to generate one.</param>
    /// <param name="name">The template name.</param>
    /// <param name="scope">asset, tier1 or tier2.</param>
    /// <param name="type">fulfillment, inquire, pending, or null (tier templates have none).</param>
    /// <param name="body">The markdown body; <c>{{ param_id }}</c> placeholders are filled on approve.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Template(string? id, string name = "Default Activation Template", string scope = "asset", string? type = "fulfillment", string body = "# Welcome\n\nYour subscription is active.")
    {
        var t = new JsonObject { ["id"] = id, ["title"] = name, ["name"] = name, ["body"] = body, ["scope"] = scope };
        if (type is not null)
        {
            t["type"] = type;
        }

        t["position"] = 10000;
        Templates.Add(t);
        return this;
    }

    /// <summary>Edits the product JSON directly.</summary>
    /// <param name="edit">Receives the product object.</param>
    /// <returns>This builder.</returns>
    public ProductBuilder Configure(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Product);
        return this;
    }
}

/// <summary>Builds a tier configuration request for seeding.</summary>
public sealed class TierConfigRequestBuilder
{
    internal TierConfigRequestBuilder(JsonObject tcr) => Tcr = tcr;

    internal JsonObject Tcr { get; }

    private JsonObject Configuration => (JsonObject)Tcr["configuration"]!;

    /// <summary>Sets the id (by default one is generated, <c>TCR-…-001</c>).</summary>
    /// <param name="id">The id.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Id(string id)
    {
        Tcr["id"] = id;
        return this;
    }

    /// <summary>Sets the type: setup, update or adjustment.</summary>
    /// <param name="type">The type.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Type(string type)
    {
        Tcr["type"] = type;
        return this;
    }

    /// <summary>Sets the status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Status(string status)
    {
        Tcr["status"] = status;
        return this;
    }

    /// <summary>Sets the configuration's product.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="name">The product name.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Product(string productId, string? name = null)
    {
        Configuration["product"] = new JsonObject { ["id"] = productId, ["name"] = name ?? "Sandbox Product", ["status"] = "published" };
        return this;
    }

    /// <summary>Sets the environment and the configuration's connection type.</summary>
    /// <param name="connectionType">preview, test or production.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Environment(string connectionType)
    {
        Tcr["environment"] = connectionType;
        Configuration["connection"]!["type"] = connectionType;
        return this;
    }

    /// <summary>Sets the tier account being configured.</summary>
    /// <param name="accountId">The account id (<c>TA-…</c>).</param>
    /// <param name="name">The account name.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Account(string accountId, string? name = null)
    {
        Configuration["account"] = Seeds.Account(accountId, name ?? "Sandbox Reseller", "reseller@sandbox.example.com");
        return this;
    }

    /// <summary>Sets the tier level (1 or 2).</summary>
    /// <param name="level">The level.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder TierLevel(int level)
    {
        Configuration["tier_level"] = level;
        return this;
    }

    /// <summary>Adds a parameter to the request.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="phase">ordering or fulfillment.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">The parameter type.</param>
    /// <param name="valueError">The value error.</param>
    /// <param name="required">Whether the parameter is required.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Parameter(string id, string phase = "fulfillment", string? value = null, string type = "text", string? valueError = null, bool required = false)
    {
        ((JsonArray)Tcr["params"]!).Add(Seeds.Param(id, phase, value, type, valueError, required, null, "tier1"));
        return this;
    }

    /// <summary>Edits the JSON directly.</summary>
    /// <param name="edit">Receives the tier config request object.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder Configure(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Tcr);
        return this;
    }
}

/// <summary>Seeds and counts fulfillment requests in a sandbox.</summary>
public sealed class SandboxRequests
{
    private readonly SandboxState _state;

    internal SandboxRequests(SandboxState state) => _state = state;

    /// <summary>Gets how many requests are stored.</summary>
    public int Count => _state.RequestCount;

    /// <summary>Adds a request built from realistic defaults (pending preview purchase) and stores its asset and conversation.</summary>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The request id.</returns>
    public string Add(Action<RequestBuilder>? configure = null)
    {
        var builder = new RequestBuilder(Seeds.DefaultRequest(_state));
        configure?.Invoke(builder);
        return _state.AddRequest(builder.Request);
    }

    /// <summary>Adds <paramref name="count"/> requests, e.g. for load tests; ids are unique.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="configure">Receives the zero-based index and the builder.</param>
    /// <returns>The request ids in order.</returns>
    public IReadOnlyList<string> Seed(int count, Action<int, RequestBuilder>? configure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            ids[i] = Add(configure is null ? null : b => configure(index, b));
        }

        return ids;
    }

    /// <summary>Adds requests from JSON: one request object, or an array of them (e.g. a real Connect response).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The ids of the added requests.</returns>
    public IReadOnlyList<string> AddFromJson(string json) => Seeds.ForEachObject(json).Select(_state.AddRequest).ToArray();

    /// <summary>Adds requests from a JSON file (object or array).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The ids of the added requests.</returns>
    public IReadOnlyList<string> AddFromFile(string path) => AddFromJson(File.ReadAllText(path));
}

/// <summary>Seeds products and their templates in a sandbox.</summary>
public sealed class SandboxProducts
{
    private readonly SandboxState _state;

    internal SandboxProducts(SandboxState state) => _state = state;

    /// <summary>Adds (or replaces) a product with its templates.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="configure">Sets the name and adds templates.</param>
    /// <returns>The product id.</returns>
    public string Add(string productId, Action<ProductBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        var builder = new ProductBuilder(productId);
        configure?.Invoke(builder);
        _state.AddProduct(builder.Product, builder.Templates);
        return productId;
    }

    /// <summary>Adds templates from JSON (one template object or an array, e.g. a real templates list) to a product.</summary>
    /// <param name="productId">The product id (created when missing).</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The template ids.</returns>
    public IReadOnlyList<string> AddTemplatesFromJson(string productId, string json) => _state.AddTemplates(productId, Seeds.ForEachObject(json));

    /// <summary>Adds templates from a JSON file to a product.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="path">The file path.</param>
    /// <returns>The template ids.</returns>
    public IReadOnlyList<string> AddTemplatesFromFile(string productId, string path) => AddTemplatesFromJson(productId, File.ReadAllText(path));
}

/// <summary>Seeds tier configuration requests in a sandbox.</summary>
public sealed class SandboxTierConfigRequests
{
    private readonly SandboxState _state;

    internal SandboxTierConfigRequests(SandboxState state) => _state = state;

    /// <summary>Adds a tier configuration request built from realistic defaults (pending preview tier-1 setup).</summary>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The id.</returns>
    public string Add(Action<TierConfigRequestBuilder>? configure = null)
    {
        var builder = new TierConfigRequestBuilder(Seeds.DefaultTcr());
        configure?.Invoke(builder);
        return _state.AddTierConfigRequest(builder.Tcr);
    }

    /// <summary>Adds tier configuration requests from JSON (object or array).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> AddFromJson(string json) => Seeds.ForEachObject(json).Select(_state.AddTierConfigRequest).ToArray();

    /// <summary>Adds tier configuration requests from a JSON file (object or array).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> AddFromFile(string path) => AddFromJson(File.ReadAllText(path));
}

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

    private static JsonObject Connection(string type) => new()
    {
        ["id"] = "CT-0000-0000-0000",
        ["type"] = type,
        ["provider"] = new JsonObject { ["id"] = "PA-000-000", ["name"] = "Sandbox Provider" },
        ["vendor"] = new JsonObject { ["id"] = "VA-000-000", ["name"] = "Sandbox Vendor" },
        ["hub"] = new JsonObject { ["id"] = "HB-0000-0000", ["name"] = "Sandbox Hub" },
    };

    public static JsonObject DefaultRequest(SandboxState state)
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
