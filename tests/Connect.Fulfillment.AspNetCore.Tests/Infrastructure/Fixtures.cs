using System.Text.Json.Nodes;

namespace Connect.Fulfillment.AspNetCore.Tests.Infrastructure;

/// <summary>The real Connect payloads of tests/fixtures/connect.</summary>
internal static class Fixtures
{
    public const string DraftPurchase = "request_purchase_draft_validation.processor-template.json";
    public const string PendingPurchase = "request_purchase_pending.processors-toolkit.json";
    public const string TierConfigPending = "tier_config_request_setup_pending.devops-testing-library.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "connect", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();
}
