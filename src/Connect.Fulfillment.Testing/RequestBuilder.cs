using System.Globalization;
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

    /// <summary>Sets the <c>value_choices</c> of a parameter added earlier, as objects (like real payloads) or as strings (like the OpenAPI description).</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="values">The choice values (objects use each value as its label too).</param>
    /// <param name="form">The JSON form the sandbox stores and answers with.</param>
    /// <returns>This builder.</returns>
    public RequestBuilder ValueChoices(string parameterId, IEnumerable<string> values, ValueChoicesForm form = ValueChoicesForm.Objects)
    {
        Seeds.SetValueChoices((JsonArray)AssetNode["params"]!, parameterId, values, form);
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
