using System.Text.Json.Nodes;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Insertion-ordered collection of JSON objects keyed by id.</summary>
internal sealed class OrderedStore
{
    private readonly List<JsonObject> _items = [];
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public IReadOnlyList<JsonObject> Items => _items;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public JsonObject? Get(string id) => _byId.GetValueOrDefault(id);

    public void Put(string id, JsonObject item)
    {
        if (_byId.TryGetValue(id, out var existing))
        {
            _items[_items.IndexOf(existing)] = item;
        }
        else
        {
            _items.Add(item);
        }

        _byId[id] = item;
    }

    public void Clear()
    {
        _items.Clear();
        _byId.Clear();
    }
}
