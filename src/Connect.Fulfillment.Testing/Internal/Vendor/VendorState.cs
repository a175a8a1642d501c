using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing.Internal.Vendor;

/// <summary>
/// The fake vendor's data and its subscription rules: create, cancel, change, suspend and resume, each counted
/// when it really happens, plus the answers remembered per Idempotency-Key and the behaviours set by tests.
/// </summary>
internal sealed class VendorState
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly Dictionary<string, VendorSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (VendorBehavior Behavior, int Used)> _behaviors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VendorAnswer> _idempotent = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Operation, string Key), int> _counts = [];
    private readonly List<VendorCall> _calls = [];
    private readonly Dictionary<string, VendorUsage[]> _usage = new(StringComparer.Ordinal);
    private long _counter;

    public IReadOnlyList<VendorCall> Calls => Locked(() => _calls.ToArray());

    public IReadOnlyList<VendorSubscription> Subscriptions => Locked(() => _subscriptions.Values.ToArray());

    public static VendorAnswer Message(int status, string message) => new(status, ApiResult.Serialize(new JsonObject { ["message"] = message }));

    public void Seed(VendorSubscription subscription) => Locked(() => _subscriptions[subscription.Id] = subscription);

    public void SetBehavior(string key, VendorBehavior behavior) => Locked(() => _behaviors[key] = (behavior, 0));

    public void SetUsage(string subscriptionId, VendorUsage[] usage) => Locked(() => _usage[subscriptionId] = usage);

    /// <summary>The usage set for a subscription (the same for any period): <c>[{"mpn": "…", "quantity": 12.5}]</c>.</summary>
    public VendorAnswer Usage(string subscriptionId)
    {
        lock (_gate)
        {
            if (!_usage.TryGetValue(subscriptionId, out var usage))
            {
                if (!_subscriptions.ContainsKey(subscriptionId))
                {
                    return Message(404, $"Subscription {subscriptionId} not found.");
                }

                usage = [];
            }

            var items = new JsonArray(usage.Select(u => (JsonNode)new JsonObject { ["mpn"] = u.Mpn, ["quantity"] = u.Quantity }).ToArray());
            return new VendorAnswer(200, ApiResult.Serialize(items));
        }
    }

    public VendorSubscription? Get(string subscriptionId) => Locked(() => _subscriptions.GetValueOrDefault(subscriptionId));

    public int Count(string operation, string key) => Locked(() => _counts.GetValueOrDefault((operation, key)));

    public void ClearCalls() => Locked(() => _calls.Clear());

    public void Record(VendorCall call) => Locked(() => _calls.Add(call));

    public VendorAnswer? Replay(string? idempotencyKey) =>
        idempotencyKey is null ? null : Locked(() => _idempotent.GetValueOrDefault(idempotencyKey));

    /// <summary>Remembers a final answer for its key; 5xx, 408 and 429 are not final, so a retry runs again.</summary>
    public void Remember(string? idempotencyKey, VendorAnswer answer)
    {
        if (idempotencyKey is not null && answer.Status < 500 && answer.Status is not (408 or 429))
        {
            Locked(() => _idempotent.TryAdd(idempotencyKey, answer));
        }
    }

    /// <summary>The behaviour for the next call about <paramref name="key"/>, counting down limited ones.</summary>
    public VendorBehavior NextBehavior(string? key)
    {
        if (key is null)
        {
            return VendorBehavior.Ok;
        }

        lock (_gate)
        {
            if (!_behaviors.TryGetValue(key, out var entry))
            {
                return VendorBehavior.Ok;
            }

            if (entry.Behavior.Times is { } times)
            {
                if (entry.Used >= times)
                {
                    return VendorBehavior.Ok;
                }

                _behaviors[key] = (entry.Behavior, entry.Used + 1);
            }

            return entry.Behavior;
        }
    }

    public VendorAnswer Create(JsonObject? body)
    {
        var assetId = JsonPath.GetString(body, "asset_id");
        if (string.IsNullOrEmpty(assetId) || body?["items"] is not JsonArray)
        {
            return Message(400, "asset_id and items are required.");
        }

        string id;
        lock (_gate)
        {
            // A seeded subscription may already have the next id (SUB-000001 is a natural seed): it is skipped, never replaced.
            do
            {
                id = string.Create(CultureInfo.InvariantCulture, $"SUB-{++_counter:000000}");
            }
            while (_subscriptions.ContainsKey(id));

            _subscriptions[id] = new VendorSubscription(id, assetId, JsonPath.GetString(body, "product_id"), "active");
            CountLocked(VendorOperations.Create, assetId);
        }

        return new VendorAnswer(201, ApiResult.Serialize(new JsonObject { ["id"] = id, ["status"] = "active" }));
    }

    /// <summary>Applies an operation on an existing subscription: moves it between states or answers 404/409/400.</summary>
    public VendorAnswer Apply(string operation, string subscriptionId, JsonObject? body)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(subscriptionId, out var subscription))
            {
                return Message(404, $"Subscription {subscriptionId} not found.");
            }

            var (next, refusal) = VendorOperations.Transition(operation, subscription.Status, body);
            if (refusal is not null)
            {
                return Message(refusal.Value.Status, $"Subscription {subscriptionId} {refusal.Value.Reason}.");
            }

            _subscriptions[subscriptionId] = subscription with { Status = next! };
            CountLocked(operation, subscriptionId);
            var answer = new JsonObject { ["id"] = subscriptionId, ["status"] = next };
            if (operation == VendorOperations.Change)
            {
                answer["items"] = body!["items"]!.DeepClone();
            }

            return new VendorAnswer(200, ApiResult.Serialize(answer));
        }
    }

    private void CountLocked(string operation, string key) => _counts[(operation, key)] = _counts.GetValueOrDefault((operation, key)) + 1;

    private void Locked(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
