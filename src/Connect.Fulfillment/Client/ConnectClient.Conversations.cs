using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment;

// Product templates, conversations and assets.
public sealed partial class ConnectClient
{
    // An object has at most a handful of conversations (one of type "conversation", one of type "notes").
    private const int ConversationLookupLimit = 10;

    /// <inheritdoc />
    public IAsyncEnumerable<ProductTemplate> ListProductTemplatesAsync(string productId, TemplateQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync(Path("products", productId, "templates"), query?.ToRql(), Json.ListProductTemplate, cancellationToken);

    /// <inheritdoc />
    public async Task<Conversation?> FindConversationAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var query = "instance_id=" + Uri.EscapeDataString(instanceId) + $"&limit={ConversationLookupLimit}&offset=0";
        using var response = await sender.SendCoreAsync(HttpMethod.Get, "conversations", query, null, cancellationToken).ConfigureAwait(false);
        var found = await sender.ReadBodyAsync(
            response,
            HttpMethod.Get,
            "conversations",
            typeof(List<Conversation>).Name,
            async (stream, token) =>
            {
                using var document = await JsonDocument.ParseAsync(stream, default, token).ConfigureAwait(false);
                return new Box<Conversation?>(PickConversation(document.RootElement));
            },
            cancellationToken).ConfigureAwait(false);
        return found.Value;
    }

    /// <inheritdoc />
    public Task<ConversationMessage> AddConversationMessageAsync(string conversationId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = new MessageBody(MessageText.Sanitize(sender.Secrets.Apply(text), options.MaxConversationMessageLength), "message");
        return sender.SendAsync(HttpMethod.Post, Path("conversations", conversationId, "messages"), null, Content(body, WireJson.MessageBody), Json.ConversationMessage, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Asset> GetAssetAsync(string assetId, CancellationToken cancellationToken = default)
        => sender.SendAsync(HttpMethod.Get, Path("assets", assetId), null, null, Json.Asset, cancellationToken);

    /// <summary>
    /// The spec gives conversations a <c>type</c> of <c>conversation</c> (the one shown to the customer) or <c>notes</c>
    /// (internal). The first of type <c>conversation</c> wins; older payloads have no type, and such a conversation is
    /// taken when no typed one is there. Notes are never taken.
    /// </summary>
    private static Conversation? PickConversation(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"A list page must be a JSON array; it is {list.ValueKind}.");
        }

        JsonElement? untyped = null;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (!item.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null)
            {
                untyped ??= item;
            }
            else if (type.ValueKind == JsonValueKind.String && type.ValueEquals("conversation"))
            {
                return item.Deserialize(Json.Conversation);
            }
        }

        return untyped?.Deserialize(Json.Conversation);
    }

    // ReadBodyAsync treats a null result as an empty body; "no conversation" is a real answer, so it is boxed.
    private sealed record Box<T>(T Value);
}
