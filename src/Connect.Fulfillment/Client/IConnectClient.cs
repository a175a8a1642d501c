using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment;

/// <summary>
/// The Connect API calls a vendor's fulfillment processor makes. Implemented by <see cref="ConnectClient"/>;
/// mock this interface in your own tests, or run them against the Connect.Fulfillment.Testing sandbox.
/// All members are thread-safe. Failures raise <see cref="ConnectApiException"/> or a subclass.
/// </summary>
public interface IConnectClient
{
    /// <summary>Lists fulfillment requests, fetching further pages as the sequence is read.</summary>
    /// <param name="query">The filter; all requests when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The requests in Connect's order.</returns>
    IAsyncEnumerable<FulfillmentRequest> ListRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of fulfillment requests with the total count.</summary>
    /// <param name="query">The filter; all requests when null.</param>
    /// <param name="offset">The zero-based offset.</param>
    /// <param name="limit">The page size; <see cref="ConnectClientOptions.PageSize"/> when null. Connect may return fewer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ConnectPage<FulfillmentRequest>> GetRequestsPageAsync(RequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Counts fulfillment requests matching a filter.</summary>
    /// <param name="query">The filter; all requests when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    Task<int> CountRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a fulfillment request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ConnectNotFoundException">No such request.</exception>
    Task<FulfillmentRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Writes parameter values, errors or structured values of a request (<c>PUT /requests/{id}</c>).</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="parameters">The parameter changes.</param>
    /// <param name="note">An optional note stored on the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated request.</returns>
    Task<FulfillmentRequest> UpdateRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Approves a pending or inquiring request. Not re-sent after a server error or timeout.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="approval">The activation template or tile, and optional effective date.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The approved request.</returns>
    Task<FulfillmentRequest> ApproveRequestAsync(string requestId, ApproveRequest approval, CancellationToken cancellationToken = default);

    /// <summary>Fails a request with a reason shown to the customer. Not re-sent after a server error or timeout.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The failed request.</returns>
    Task<FulfillmentRequest> FailRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Moves a request to inquiring; at least one parameter must carry a <c>value_error</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="templateId">An optional inquire template.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The inquiring request.</returns>
    Task<FulfillmentRequest> InquireRequestAsync(string requestId, string? templateId = null, CancellationToken cancellationToken = default);

    /// <summary>Moves an inquiring request back to pending.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pending request.</returns>
    Task<FulfillmentRequest> PendRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Schedules a pending request for a planned date.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="plannedDate">When the change takes effect.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The scheduled request.</returns>
    Task<FulfillmentRequest> ScheduleRequestAsync(string requestId, DateTimeOffset plannedDate, CancellationToken cancellationToken = default);

    /// <summary>Assigns a request to a user.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="assignee">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the assignment.</returns>
    Task AssignRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default);

    /// <summary>Removes a request's assignee.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task UnassignRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Lists tier configuration requests, fetching further pages as the sequence is read.</summary>
    /// <param name="query">The filter; all when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The requests.</returns>
    IAsyncEnumerable<TierConfigRequest> ListTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of tier configuration requests with the total count.</summary>
    /// <param name="query">The filter; all when null.</param>
    /// <param name="offset">The zero-based offset.</param>
    /// <param name="limit">The page size; <see cref="ConnectClientOptions.PageSize"/> when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ConnectPage<TierConfigRequest>> GetTierConfigRequestsPageAsync(TierConfigRequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Counts tier configuration requests matching a filter.</summary>
    /// <param name="query">The filter; all when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    Task<int> CountTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a tier configuration request.</summary>
    /// <param name="requestId">The request id (<c>TCR-…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request.</returns>
    Task<TierConfigRequest> GetTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Writes parameters of a tier configuration request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="parameters">The parameter changes.</param>
    /// <param name="note">An optional note (sent as <c>notes</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated request.</returns>
    Task<TierConfigRequest> UpdateTierConfigRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Approves a tier configuration request with a tier template.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="templateId">The tier1 or tier2 template id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The template as rendered by Connect, when it returns one.</returns>
    Task<TemplateReference?> ApproveTierConfigRequestAsync(string requestId, string templateId, CancellationToken cancellationToken = default);

    /// <summary>Fails a tier configuration request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task FailTierConfigRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Moves a tier configuration request to inquiring.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task InquireTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Moves an inquiring tier configuration request back to pending.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task PendTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Assigns a tier configuration request to a user.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="assignee">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task AssignTierConfigRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default);

    /// <summary>Removes a tier configuration request's assignee.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Connect accepted the change.</returns>
    Task UnassignTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Lists a product's templates.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="query">Filters by name, scope and type; all templates when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The templates.</returns>
    IAsyncEnumerable<ProductTemplate> ListProductTemplatesAsync(string productId, TemplateQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Finds the conversation of a Connect object such as a request.</summary>
    /// <param name="instanceId">The object id, for example a request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation, or null when there is none.</returns>
    Task<Conversation?> FindConversationAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Adds a message to a conversation. Texts longer than <see cref="ConnectClientOptions.MaxConversationMessageLength"/> are cut and control characters other than line breaks and tabs are removed.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created message.</returns>
    Task<ConversationMessage> AddConversationMessageAsync(string conversationId, string text, CancellationToken cancellationToken = default);

    /// <summary>Reads an asset (subscription).</summary>
    /// <param name="assetId">The asset id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The asset.</returns>
    Task<Asset> GetAssetAsync(string assetId, CancellationToken cancellationToken = default);

    /// <summary>Lists assets (subscriptions), fetching further pages as the sequence is read.</summary>
    /// <param name="query">The filter (product, environment, status…); all assets when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets in Connect's order.</returns>
    IAsyncEnumerable<Asset> ListAssetsAsync(AssetQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of assets with the total count.</summary>
    /// <param name="query">The filter; all assets when null.</param>
    /// <param name="offset">The zero-based offset.</param>
    /// <param name="limit">The page size; <see cref="ConnectClientOptions.PageSize"/> when null. Connect may return fewer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ConnectPage<Asset>> GetAssetsPageAsync(AssetQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a product, with its capabilities (<c>capabilities.ppu.schema</c> for pay-as-you-go products).</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product.</returns>
    /// <exception cref="ConnectNotFoundException">No such product.</exception>
    Task<Product> GetProductAsync(string productId, CancellationToken cancellationToken = default);

    /// <summary>Lists usage files, fetching further pages as the sequence is read.</summary>
    /// <param name="query">The filter (product, contract, external id, status…); all usage files when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The usage files in Connect's order.</returns>
    IAsyncEnumerable<UsageFile> ListUsageFilesAsync(UsageFileQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of usage files with the total count.</summary>
    /// <param name="query">The filter; all usage files when null.</param>
    /// <param name="offset">The zero-based offset.</param>
    /// <param name="limit">The page size; <see cref="ConnectClientOptions.PageSize"/> when null. Connect may return fewer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ConnectPage<UsageFile>> GetUsageFilesPageAsync(UsageFileQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a usage file.</summary>
    /// <param name="usageFileId">The usage file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage file.</returns>
    /// <exception cref="ConnectNotFoundException">No such usage file.</exception>
    Task<UsageFile> GetUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a usage file (<c>POST /usage/files</c>). Not re-sent after a server error or timeout: find the file by its
    /// external id before creating it again.
    /// </summary>
    /// <param name="usageFile">The fields of the file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created usage file.</returns>
    Task<UsageFile> CreateUsageFileAsync(NewUsageFile usageFile, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads the workbook of a usage file as the multipart field <c>usage_file</c>. Not re-sent after a server error or
    /// timeout (re-read the file instead); re-sent after a 429 only when <paramref name="workbook"/> can seek. The stream is
    /// read from its current position and left open.
    /// </summary>
    /// <param name="usageFileId">The usage file id.</param>
    /// <param name="workbook">The xlsx workbook.</param>
    /// <param name="fileName">The file name sent with the workbook.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage file after the upload.</returns>
    Task<UsageFile> UploadUsageFileAsync(string usageFileId, Stream workbook, string fileName = "usage.xlsx", CancellationToken cancellationToken = default);

    /// <summary>Submits a ready usage file to the provider. Not re-sent after a server error or timeout.</summary>
    /// <param name="usageFileId">The usage file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The submitted usage file.</returns>
    Task<UsageFile> SubmitUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a usage file that was not submitted (<c>POST /usage/files/{id}/delete</c>). Not re-sent after a server error or timeout.</summary>
    /// <param name="usageFileId">The usage file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deleted usage file.</returns>
    Task<UsageFile> DeleteUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default);

    /// <summary>Asks Connect to process a usage file's workbook again. Not re-sent after a server error or timeout.</summary>
    /// <param name="usageFileId">The usage file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage file.</returns>
    Task<UsageFile> ReprocessUsageFileAsync(string usageFileId, CancellationToken cancellationToken = default);
}
