using Connect.Fulfillment.Testing.Internal;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing;

/// <summary>Seeds and counts fulfillment requests in a sandbox.</summary>
public sealed partial class SandboxRequests
{
    private readonly SandboxStore _state;

    internal SandboxRequests(SandboxStore state, SandboxWebhooks webhooks)
    {
        _state = state;
        _webhooks = webhooks;
        _drafts = new Internal.Webhooks.DraftValidation(state, webhooks);
    }

    /// <summary>Gets how many requests are stored.</summary>
    public int Count => _state.Read(s => s.Requests.Count);

    /// <summary>Adds a request built from realistic defaults (pending preview purchase) and stores its asset and conversation; a pending one is announced to its product's events webhook.</summary>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The request id.</returns>
    public string Add(Action<RequestBuilder>? configure = null)
    {
        var builder = new RequestBuilder(Seeds.DefaultRequest(_state));
        configure?.Invoke(builder);
        return Store(builder.Request);
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
    public IReadOnlyList<string> AddFromJson(string json) => Seeds.ForEachObject(json).Select(Store).ToArray();

    /// <summary>Adds requests from a JSON file (object or array).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The ids of the added requests.</returns>
    public IReadOnlyList<string> AddFromFile(string path) => AddFromJson(File.ReadAllText(path));
}
