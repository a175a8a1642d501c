using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Pipeline;

/// <summary>
/// The Connect calls a handler may make for the request it handles: reads, and messages to the customer in the
/// request's conversation. Transitions and parameter writes are not here: the handler returns an outcome (with
/// <see cref="RequestOutcome.WithParameters(ParameterUpdate[])"/>), and the pipeline applies it. Thread-safe.
/// </summary>
public sealed class RequestConnectClient
{
    private readonly IConnectClient client;
    private readonly string requestId;
    private readonly bool isDryRun;

    internal RequestConnectClient(IConnectClient client, string requestId, bool isDryRun)
    {
        this.client = client;
        this.requestId = requestId;
        this.isDryRun = isDryRun;
    }

    /// <summary>Reads an asset (subscription).</summary>
    /// <param name="assetId">The asset id (<c>AS-…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The asset.</returns>
    public Task<Asset> GetAssetAsync(string assetId, CancellationToken cancellationToken = default) => client.GetAssetAsync(assetId, cancellationToken);

    /// <summary>Reads a fulfillment request, for example an earlier request of the same asset.</summary>
    /// <param name="requestId">The request id (<c>PR-…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request.</returns>
    public Task<FulfillmentRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default) => client.GetRequestAsync(requestId, cancellationToken);

    /// <summary>Lists fulfillment requests, for example the other requests of an asset.</summary>
    /// <param name="query">The filter; every request when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The requests, page by page.</returns>
    public IAsyncEnumerable<FulfillmentRequest> ListRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default) => client.ListRequestsAsync(query, cancellationToken);

    /// <summary>Reads a tier configuration request.</summary>
    /// <param name="requestId">The request id (<c>TCR-…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request.</returns>
    public Task<TierConfigRequest> GetTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default) => client.GetTierConfigRequestAsync(requestId, cancellationToken);

    /// <summary>Lists a product's templates.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="query">Filters by name, scope and type; every template when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The templates.</returns>
    public IAsyncEnumerable<ProductTemplate> ListProductTemplatesAsync(string productId, TemplateQuery? query = null, CancellationToken cancellationToken = default)
        => client.ListProductTemplatesAsync(productId, query, cancellationToken);

    /// <summary>Reads the conversation of the request being handled, with its messages.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation, or null when Connect has none for the request.</returns>
    public Task<Conversation?> FindConversationAsync(CancellationToken cancellationToken = default) => client.FindConversationAsync(requestId, cancellationToken);

    /// <summary>
    /// Writes a message to the customer in the conversation of the request being handled. In a dry run nothing is
    /// written and null is returned.
    /// </summary>
    /// <param name="text">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message created, or null in a dry run.</returns>
    /// <exception cref="InvalidOperationException">Connect has no conversation for the request.</exception>
    public async Task<ConversationMessage?> AddConversationMessageAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (isDryRun)
        {
            return null;
        }

        var conversation = await client.FindConversationAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (conversation?.Id is not { Length: > 0 } conversationId)
        {
            throw new InvalidOperationException($"Connect has no conversation for request {requestId}, so the message cannot be added.");
        }

        return await client.AddConversationMessageAsync(conversationId, text, cancellationToken).ConfigureAwait(false);
    }
}
