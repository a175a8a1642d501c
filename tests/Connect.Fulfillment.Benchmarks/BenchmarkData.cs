using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>The JSON payloads the hot-path benchmarks read: real fixtures and a large generated request.</summary>
public static class BenchmarkData
{
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "connect");

    /// <summary>A page of 100 requests built from the real processors-toolkit fixture, ids made unique.</summary>
    public static byte[] FixturePage(int count = 100)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "request_purchase_pending.processors-toolkit.json")))!.AsObject();
        var page = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var copy = fixture.DeepClone().AsObject();
            copy["id"] = string.Create(CultureInfo.InvariantCulture, $"PR-0000-0000-{i:0000}-001");
            page.Add(copy);
        }

        return Encoding.UTF8.GetBytes(page.ToJsonString());
    }

    /// <summary>A page of large requests: 100 parameters and 50 items each.</summary>
    public static byte[] LargePage(int count = 10)
    {
        var page = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            page.Add(LargeRequest(i));
        }

        return Encoding.UTF8.GetBytes(page.ToJsonString());
    }

    public static JsonObject LargeRequest(int index)
    {
        var parameters = new JsonArray();
        for (var p = 0; p < 100; p++)
        {
            parameters.Add(new JsonObject
            {
                ["id"] = $"param_{p}",
                ["name"] = $"param_{p}",
                ["type"] = p % 10 == 0 ? "checkbox" : "text",
                ["phase"] = p % 3 == 0 ? "ordering" : "fulfillment",
                ["title"] = $"Parameter number {p}",
                ["description"] = "A generated parameter used to measure parsing and lookups.",
                ["value"] = p % 10 == 0 ? string.Empty : $"value-{p}-{index}",
                ["value_error"] = string.Empty,
                ["structured_value"] = p % 10 == 0 ? new JsonObject { ["a"] = true, ["b"] = false } : null,
                ["constraints"] = new JsonObject { ["required"] = p % 2 == 0, ["hidden"] = false, ["placeholder"] = "enter a value" },
            });
        }

        var items = new JsonArray();
        for (var t = 0; t < 50; t++)
        {
            items.Add(new JsonObject
            {
                ["id"] = $"SKU_{t}",
                ["global_id"] = $"PRD-000-000-001-{t:0000}",
                ["mpn"] = $"MPN-{t}",
                ["display_name"] = $"Item {t}",
                ["quantity"] = (t % 7).ToString(CultureInfo.InvariantCulture),
                ["old_quantity"] = (t % 5).ToString(CultureInfo.InvariantCulture),
                ["type"] = "Users",
                ["period"] = "Monthly",
                ["item_type"] = "Reservation",
            });
        }

        return new JsonObject
        {
            ["id"] = string.Create(CultureInfo.InvariantCulture, $"PR-9999-0000-{index:0000}-001"),
            ["type"] = "change",
            ["status"] = "pending",
            ["created"] = "2024-05-01T10:00:00.123456+00:00",
            ["updated"] = "2024-05-01T10:00:00.123456+00:00",
            ["assignee"] = string.Empty,
            ["marketplace"] = new JsonObject { ["id"] = "MP-00000", ["name"] = "Marketplace" },
            ["asset"] = new JsonObject
            {
                ["id"] = $"AS-0000-0000-{index:0000}",
                ["status"] = "active",
                ["product"] = new JsonObject { ["id"] = "PRD-000-000-001", ["name"] = "Product" },
                ["connection"] = new JsonObject { ["id"] = "CT-0000-0000-0000", ["type"] = "preview" },
                ["params"] = parameters,
                ["items"] = items,
                ["tiers"] = new JsonObject { ["customer"] = new JsonObject { ["id"] = "TA-1", ["name"] = "Customer" }, ["tier1"] = new JsonObject { ["id"] = "TA-2" }, ["tier2"] = new JsonObject() },
            },
        };
    }
}
