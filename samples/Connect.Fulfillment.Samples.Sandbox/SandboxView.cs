using System.Text.Json;
using Connect.Fulfillment.Testing;

namespace Connect.Fulfillment.Samples.Sandbox;

/// <summary>
/// What the inspection endpoints and the final lines report: the requests (seeded, then those ordered through
/// <see cref="OrderRoutes"/>), both call logs, webhook deliveries, counts.
/// </summary>
internal sealed partial class SandboxView(ConnectSandbox sandbox, FakeVendorServer? vendor, IReadOnlyList<(string RequestId, string SubscriptionId)> seeded)
{
    /// <summary>
    /// Each request: id, type, status, asset, its subscription and the vendor's status of it, and a fail reason. A
    /// purchase's subscription is the one the processor stored in <c>subscription_id</c>, null until then.
    /// </summary>
    public void WriteRequests(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var (id, knownSubscriptionId) in Requests())
        {
            var assetId = sandbox.GetRequestAssetId(id);
            var request = sandbox.GetRequest(id);
            var subscriptionId = knownSubscriptionId ?? NullIfEmpty(sandbox.GetRequestParameterValue(id, SeededProduct.SubscriptionId));
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", (string?)request?["type"]);
            json.WriteString("status", sandbox.GetRequestStatus(id));
            json.WriteString("asset_id", assetId);
            json.WriteString("asset_status", assetId is null ? null : sandbox.GetAssetStatus(assetId));
            json.WriteString("subscription_id", subscriptionId);
            json.WriteString("vendor_status", subscriptionId is null ? null : vendor?.GetSubscription(subscriptionId)?.Status);
            json.WriteString("reason", (string?)request?["reason"]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Every Connect call in arrival order. <c>state_changed</c> says whether the sandbox applied it (a write, answered
    /// or not), which is how a test counts applied transitions even when the caller was killed before the answer.
    /// </summary>
    public void WriteCalls(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var call in sandbox.CallLog.Entries)
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", call.Sequence);
            json.WriteString("method", call.Method);
            json.WriteString("path", call.RelativePath);
            json.WriteString("query", call.Query);
            json.WriteNumber("status", call.StatusCode);
            json.WriteString("fault", call.Fault?.ToString());
            json.WriteBoolean("state_changed", call.StateChanged);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Every vendor call in arrival order, with its Idempotency-Key and whether the answer was a replay.</summary>
    public void WriteVendorCalls(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var call in vendor?.Calls ?? [])
        {
            json.WriteStartObject();
            json.WriteString("method", call.Method);
            json.WriteString("path", call.Path);
            json.WriteString("query", call.Query);
            json.WriteString("idempotency_key", call.IdempotencyKey);
            json.WriteNumber("status", call.StatusCode);
            json.WriteBoolean("replayed", call.Replayed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Cheap progress for polling: call totals and the requests by status.</summary>
    public void WriteCounts(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("connect_calls", sandbox.CallLog.Total);
        json.WriteNumber("vendor_calls", vendor?.Calls.Count ?? 0);
        json.WriteStartObject("requests");
        foreach (var (status, count) in CountByStatus())
        {
            json.WriteNumber(status, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The final lines printed when the program stops, for a host that measured a processor against it.</summary>
    public IEnumerable<string> Tally()
    {
        var calls = sandbox.CallLog;
        yield return $"connect-calls: {calls.Total}";
        yield return $"connect-list-calls: {calls.Count(e => e.Method == "GET" && (e.RelativePath == "/requests" || e.RelativePath == "/tier/config-requests"))}";
        yield return $"connect-template-calls: {calls.Count(e => e.RelativePath.Contains("/templates", StringComparison.Ordinal))}";
        if (vendor is not null)
        {
            yield return $"vendor-calls: {vendor.Calls.Count}";
        }

        foreach (var (status, count) in CountByStatus())
        {
            yield return $"requests-{status}: {count}";
        }
    }

    private IEnumerable<(string Status, int Count)> CountByStatus() =>
        Requests().GroupBy(s => sandbox.GetRequestStatus(s.RequestId) ?? "missing")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()));
}
