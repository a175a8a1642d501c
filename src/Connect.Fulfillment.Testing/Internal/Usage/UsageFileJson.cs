using System.Globalization;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>
/// The usage file shapes of the spec: the stored object is <c>usage.UsageFileDetail</c> (also what lists show);
/// a create is answered with the flatter <c>usage.UsageFileCreate</c>, which carries no status.
/// </summary>
internal static class UsageFileJson
{
    private static readonly JsonObject SandboxUser = new() { ["id"] = "SU-000-000-000", ["name"] = "Sandbox API" };

    public static JsonObject Detail(string id, JsonObject body, JsonObject product, string schema, JsonObject? asset, string now)
    {
        var connection = asset?["connection"] as JsonObject;
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = JsonPath.GetString(body, "name"),
            ["description"] = JsonPath.GetString(body, "description") ?? string.Empty,
            ["note"] = JsonPath.GetString(body, "note") ?? string.Empty,
            ["external_id"] = JsonPath.GetString(body, "external_id") ?? string.Empty,
            ["status"] = "draft",
            ["vendor"] = connection?["vendor"]?.DeepClone() ?? new JsonObject { ["id"] = "VA-000-000", ["name"] = "Sandbox Vendor" },
            ["provider"] = connection?["provider"]?.DeepClone() ?? new JsonObject { ["id"] = "PA-000-000", ["name"] = "Sandbox Provider" },
            ["environment"] = JsonPath.GetString(connection, "type") ?? "test",
            ["marketplace"] = asset?["marketplace"]?.DeepClone() ?? new JsonObject { ["id"] = "MP-00000", ["name"] = "Sandbox Marketplace" },
            ["contract"] = new JsonObject
            {
                ["id"] = JsonPath.GetString(body, "contract.id"),
                ["name"] = JsonPath.GetString(asset, "contract.name") ?? "Sandbox Distribution Contract",
            },
            ["product"] = new JsonObject
            {
                ["id"] = JsonPath.GetString(product, "id"),
                ["name"] = JsonPath.GetString(product, "name"),
                ["icon"] = JsonPath.GetString(product, "icon") ?? "/media/sandbox/products/icon.png",
            },
            ["error_detail"] = null,
            ["acceptance_note"] = null,
            ["rejection_note"] = null,
            ["schema"] = schema,
            ["currency"] = JsonPath.GetString(body, "currency") ?? "USD",
            ["period"] = new JsonObject { ["from"] = JsonPath.GetString(body, "period.from"), ["to"] = JsonPath.GetString(body, "period.to") },
            ["stats"] = new JsonObject { ["uploaded"] = 0, ["validated"] = 0, ["pending"] = 0, ["accepted"] = 0, ["closed"] = 0, ["billed"] = 0 },
            ["records"] = new JsonObject { ["valid"] = 0, ["invalid"] = 0, ["closed"] = 0 },
            ["events"] = new JsonObject { ["created"] = Event(now) },
            ["sub_status"] = null,
            ["usage_file_uri"] = string.Empty,
            ["processed_file_uri"] = string.Empty,
            ["reconciliation_file_uri"] = string.Empty,
        };
    }

    /// <summary>The answer to a create (spec <c>usage.UsageFileCreate</c>).</summary>
    public static JsonObject CreateAnswer(JsonObject file)
    {
        var from = JsonPath.GetString(file, "period.from")!;
        var to = DateOnly.ParseExact(JsonPath.GetString(file, "period.to")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = JsonPath.GetString(file, "id"),
            ["name"] = JsonPath.GetString(file, "name"),
            ["external_id"] = JsonPath.GetString(file, "external_id"),
            ["vendor"] = JsonPath.GetString(file, "vendor.id"),
            ["provider"] = JsonPath.GetString(file, "provider.id"),
            ["environment"] = JsonPath.GetString(file, "environment"),
            ["marketplace"] = JsonPath.GetString(file, "marketplace.id"),
            ["distribution_contract"] = JsonPath.GetString(file, "contract.id"),
            ["product_id"] = JsonPath.GetString(file, "product.id"),
            ["product_name"] = JsonPath.GetString(file, "product.name"),
            ["product_icon"] = JsonPath.GetString(file, "product.icon"),
            ["description"] = JsonPath.GetString(file, "description"),
            ["schema"] = JsonPath.GetString(file, "schema"),
            ["currency"] = JsonPath.GetString(file, "currency"),
            ["start_datetime_utc"] = from + "T00:00:00+00:00",
            ["end_datetime_utc"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59+00:00",
        };
    }

    public static JsonObject Event(string now) => new() { ["at"] = now, ["by"] = SandboxUser.DeepClone() };

    /// <summary>Sets the record counts after processing.</summary>
    public static void SetCounts(JsonObject file, int uploaded, int valid, int invalid)
    {
        file["stats"]!["uploaded"] = uploaded;
        file["stats"]!["validated"] = valid;
        file["records"]!["valid"] = valid;
        file["records"]!["invalid"] = invalid;
    }

    /// <summary>Connect's <c>error_detail</c> holds at most 200 characters: the count and the first problems.</summary>
    public static string? ErrorDetail(IReadOnlyList<string> errors, int rows)
    {
        if (errors.Count == 0)
        {
            return null;
        }

        var head = rows > 0 && errors[0].StartsWith("Row ", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{errors.Count} of {rows} records are invalid. ")
            : string.Empty;
        var text = head + string.Join(" ", errors);
        return text.Length <= 200 ? text : text[..197] + "...";
    }
}
