using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>A seeded request as <c>GET /_sandbox/requests</c> reports it.</summary>
internal sealed record SandboxRequestState(string Id, string? Status, string? AssetStatus, string SubscriptionId, string? VendorStatus, string? Reason)
{
    /// <summary>What a fault-free run must reproduce, without the request id (two sandboxes may number alike, but need not).</summary>
    public string EndState => $"{Status}, asset {AssetStatus}, vendor {VendorStatus ?? "none"}{(string.IsNullOrEmpty(Reason) ? string.Empty : $", reason \"{Reason}\"")}";

    public static IReadOnlyList<SandboxRequestState> ParseAll(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => new SandboxRequestState(
            (string)n!["id"]!,
            (string?)n["status"],
            (string?)n["asset_status"],
            (string)n["subscription_id"]!,
            (string?)n["vendor_status"],
            (string?)n["reason"])).ToList();
}

/// <summary>A Connect call as <c>GET /_sandbox/calls</c> reports it; <see cref="StateChanged"/> is true when the sandbox applied it.</summary>
internal sealed partial record SandboxCallRecord(long Sequence, string Method, string Path, int Status, string? Fault, bool StateChanged)
{
    /// <summary>The request id and transition (<c>approve</c>, <c>fail</c>, <c>inquire</c>, <c>pend</c>) of a transition call, or null.</summary>
    public (string RequestId, string Transition)? Transition =>
        Method == "POST" && TransitionPath().Match(Path) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    public static IReadOnlyList<SandboxCallRecord> ParseAll(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => new SandboxCallRecord(
            (long)n!["sequence"]!,
            (string)n["method"]!,
            (string)n["path"]!,
            (int)n["status"]!,
            (string?)n["fault"],
            (bool)n["state_changed"]!)).ToList();

    public override string ToString() => $"#{Sequence} {Method} {Path} -> {Status}{(Fault is null ? string.Empty : $" [{Fault}]")}{(StateChanged ? " (applied)" : string.Empty)}";

    [GeneratedRegex("^/requests/([^/]+)/(approve|fail|inquire|pend)$")]
    private static partial Regex TransitionPath();
}

/// <summary>A fake-vendor call as <c>GET /_sandbox/vendor-calls</c> reports it.</summary>
internal sealed partial record VendorCallRecord(string Method, string Path, string? IdempotencyKey, int Status, bool Replayed)
{
    /// <summary>The subscription a <c>/subscriptions/{id}/…</c> call is about, or null.</summary>
    public string? SubscriptionId => SubscriptionPath().Match(Path) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Gets a value indicating whether the vendor really acted (a 2xx that was not a replay).</summary>
    public bool Acted => Status is >= 200 and < 300 && !Replayed;

    public static IReadOnlyList<VendorCallRecord> ParseAll(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => new VendorCallRecord(
            (string)n!["method"]!,
            (string)n["path"]!,
            (string?)n["idempotency_key"],
            (int)n["status"]!,
            (bool)n["replayed"]!)).ToList();

    public override string ToString() => $"{Method} {Path} key={IdempotencyKey ?? "(none)"} -> {Status}{(Replayed ? " (replayed)" : string.Empty)}";

    [GeneratedRegex("^/?subscriptions/([^/]+)/")]
    private static partial Regex SubscriptionPath();
}

/// <summary>Call totals and the seeded requests by status, from <c>GET /_sandbox/counts</c>.</summary>
internal sealed record SandboxCounts(int ConnectCalls, int VendorCalls, IReadOnlyDictionary<string, int> Requests)
{
    public int Pending => Requests.GetValueOrDefault("pending");

    public static SandboxCounts Parse(string json)
    {
        var node = JsonNode.Parse(json)!;
        var requests = node["requests"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!, StringComparer.Ordinal);
        return new SandboxCounts((int)node["connect_calls"]!, (int)node["vendor_calls"]!, requests);
    }

    public override string ToString() => $"{ConnectCalls} Connect calls, {VendorCalls} vendor calls; requests {string.Join(", ", Requests.Select(r => $"{r.Key} {r.Value}"))}";
}
