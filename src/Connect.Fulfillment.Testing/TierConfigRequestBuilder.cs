using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal;

namespace Connect.Fulfillment.Testing;

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

    /// <summary>Sets the <c>value_choices</c> of a parameter added earlier, as objects (like real payloads) or as strings (like the OpenAPI description).</summary>
    /// <param name="parameterId">The parameter id.</param>
    /// <param name="values">The choice values (objects use each value as its label too).</param>
    /// <param name="form">The JSON form the sandbox stores and answers with.</param>
    /// <returns>This builder.</returns>
    public TierConfigRequestBuilder ValueChoices(string parameterId, IEnumerable<string> values, ValueChoicesForm form = ValueChoicesForm.Objects)
    {
        Seeds.SetValueChoices((JsonArray)Tcr["params"]!, parameterId, values, form);
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
