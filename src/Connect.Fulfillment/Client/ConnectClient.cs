using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;
using Connect.Fulfillment.Serialization.Internal;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Connect.Fulfillment;

/// <summary>
/// The typed CloudBlue Connect client for fulfillment processors. Thread-safe; register it once with
/// <c>services.AddConnectFulfillment(...)</c>, or create one without DI through <see cref="Create"/>.
/// </summary>
public sealed class ConnectClient : IConnectClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly string LibraryUserAgent = BuildUserAgent();
    private static readonly ConnectJsonContext Json = ConnectJsonContext.Default;

    // Bodies are written without escaping '+', quotes or non-ASCII as \uXXXX (still valid JSON, readable in logs):
    // Connect documents dates as "2023-04-28T11:36:38.814429+00:00".
    private static readonly ConnectJsonContext WireJson = new(new JsonSerializerOptions(ConnectJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly Func<HttpClient> httpClients;
    private readonly HttpClient? ownedHttpClient;
    private readonly ConnectClientOptions options;
    private readonly string endpoint;
    private readonly string authorization;
    private readonly string userAgent;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;

    /// <summary>
    /// Creates a client that sends through the given <see cref="HttpClient"/> as it is (add your own resilience
    /// handler to it, or use <see cref="Create"/>). The caller keeps ownership of <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="logger">An optional logger.</param>
    /// <param name="timeProvider">An optional clock; the system clock when null.</param>
    public ConnectClient(HttpClient httpClient, ConnectClientOptions options, ILogger<ConnectClient>? logger = null, TimeProvider? timeProvider = null)
        : this(CheckClient(httpClient), null, options, logger, timeProvider)
    {
    }

    internal ConnectClient(Func<HttpClient> httpClients, HttpClient? ownedHttpClient, ConnectClientOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = ConnectClientOptionsValidator.Check(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.httpClients = httpClients;
        this.ownedHttpClient = ownedHttpClient;
        this.options = options.Clone();
        endpoint = options.Endpoint!.AbsoluteUri.TrimEnd('/');
        authorization = options.AuthorizationHeaderValue();
        userAgent = string.IsNullOrWhiteSpace(options.UserAgent) ? LibraryUserAgent : $"{options.UserAgent.Trim()} {LibraryUserAgent}";
        this.logger = logger ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri Endpoint => options.Endpoint!;

    /// <summary>
    /// Creates a client without dependency injection, with the same timeouts and retry rules as the DI registration
    /// (see <see cref="ConnectResilience"/>). Dispose it when done.
    /// </summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="loggerFactory">An optional logger factory.</param>
    /// <param name="timeProvider">An optional clock for backoff and timeouts; the system clock when null.</param>
    /// <param name="primaryHandler">An optional innermost HTTP handler (for example a test handler).</param>
    /// <returns>The client.</returns>
    public static ConnectClient Create(ConnectClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        ConnectResilience.Configure(builder, options, timeProvider);
#pragma warning disable EXTEXP0001 // ResilienceHandler is the documented way to use a pipeline without DI.
#pragma warning disable CA2000 // The handler chain is owned and disposed by the HttpClient, which the ConnectClient owns.
        var handler = new ResilienceHandler(builder.Build())
        {
            InnerHandler = new BufferingHandler
            {
                InnerHandler = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
#pragma warning restore EXTEXP0001
        return new ConnectClient(() => http, http, options, loggerFactory?.CreateLogger<ConnectClient>(), timeProvider);
    }

    /// <summary>Disposes the HTTP client created by <see cref="Create"/>; does nothing for other clients.</summary>
    public void Dispose() => ownedHttpClient?.Dispose();

    /// <inheritdoc />
    public IAsyncEnumerable<FulfillmentRequest> ListRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync("requests", query?.ToRql(), Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<FulfillmentRequest>> GetRequestsPageAsync(RequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync("requests", query?.ToRql(), offset, limit, Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountRequestsAsync(RequestQuery? query = null, CancellationToken cancellationToken = default)
        => CountAsync("requests", query?.ToRql(), Json.ListFulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Get, Path("requests", requestId), null, null, Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> UpdateRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default)
    {
        var body = new UpdateRequestParametersBody(new WireParameterList(ToWire(parameters)), note);
        return SendAsync(HttpMethod.Put, Path("requests", requestId), null, Content(body, WireJson.UpdateRequestParametersBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> ApproveRequestAsync(string requestId, ApproveRequest approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var body = new ApproveBody(approval.TemplateId, approval.ActivationTile, FormatDate(approval.EffectiveDate));
        return SendAsync(HttpMethod.Post, Path("requests", requestId, "approve"), null, Content(body, WireJson.ApproveBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> FailRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SendAsync(HttpMethod.Post, Path("requests", requestId, "fail"), null, Content(new ReasonBody(reason), WireJson.ReasonBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FulfillmentRequest> InquireRequestAsync(string requestId, string? templateId = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Post, Path("requests", requestId, "inquire"), null, Content(new TemplateIdBody(templateId), WireJson.TemplateIdBody), Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> PendRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Post, Path("requests", requestId, "pend"), null, Content(new EmptyBody(), WireJson.EmptyBody), Json.FulfillmentRequest, cancellationToken);

    /// <inheritdoc />
    public Task<FulfillmentRequest> ScheduleRequestAsync(string requestId, DateTimeOffset plannedDate, CancellationToken cancellationToken = default)
    {
        var body = new PlannedDateBody(FormatDate(plannedDate)!);
        return SendAsync(HttpMethod.Post, Path("requests", requestId, "schedule"), null, Content(body, WireJson.PlannedDateBody), Json.FulfillmentRequest, cancellationToken);
    }

    /// <inheritdoc />
    public Task AssignRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return SendNoContentAsync(HttpMethod.Post, Path("requests", requestId, "assign"), Content(new AssignBody(assignee.UserId, assignee.Email), WireJson.AssignBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task UnassignRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendNoContentAsync(HttpMethod.Post, Path("requests", requestId, "unassign"), null, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TierConfigRequest> ListTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync("tier/config-requests", query?.ToRql(), Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<ConnectPage<TierConfigRequest>> GetTierConfigRequestsPageAsync(TierConfigRequestQuery? query, int offset, int? limit = null, CancellationToken cancellationToken = default)
        => GetPageAsync("tier/config-requests", query?.ToRql(), offset, limit, Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountTierConfigRequestsAsync(TierConfigRequestQuery? query = null, CancellationToken cancellationToken = default)
        => CountAsync("tier/config-requests", query?.ToRql(), Json.ListTierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<TierConfigRequest> GetTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Get, Path("tier/config-requests", requestId), null, null, Json.TierConfigRequest, cancellationToken);

    /// <inheritdoc />
    public Task<TierConfigRequest> UpdateTierConfigRequestParametersAsync(string requestId, IEnumerable<ParameterUpdate> parameters, string? note = null, CancellationToken cancellationToken = default)
    {
        var body = new UpdateTierConfigParametersBody(ToWire(parameters), note);
        return SendAsync(HttpMethod.Put, Path("tier/config-requests", requestId), null, Content(body, WireJson.UpdateTierConfigParametersBody), Json.TierConfigRequest, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TemplateReference?> ApproveTierConfigRequestAsync(string requestId, string templateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        var path = Path("tier/config-requests", requestId, "approve");
        var body = Content(new TierApproveBody(new TierTemplate(templateId, null)), WireJson.TierApproveBody);
        using var response = await SendCoreAsync(HttpMethod.Post, path, null, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var result = await ReadAsync(response, HttpMethod.Post, path, Json.TierApproveResult, cancellationToken).ConfigureAwait(false);
        return result.Template is { } template ? new TemplateReference { Id = template.Id, Representation = template.Representation } : null;
    }

    /// <inheritdoc />
    public Task FailTierConfigRequestAsync(string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "fail"), Content(new ReasonBody(reason), WireJson.ReasonBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task InquireTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "inquire"), Content(new EmptyBody(), WireJson.EmptyBody), cancellationToken);

    /// <inheritdoc />
    public Task PendTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "pend"), null, cancellationToken);

    /// <inheritdoc />
    public Task AssignTierConfigRequestAsync(string requestId, AssignTo assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "assign"), Content(new AssignBody(assignee.UserId, assignee.Email), WireJson.AssignBody), cancellationToken);
    }

    /// <inheritdoc />
    public Task UnassignTierConfigRequestAsync(string requestId, CancellationToken cancellationToken = default)
        => SendNoContentAsync(HttpMethod.Post, Path("tier/config-requests", requestId, "unassign"), null, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ProductTemplate> ListProductTemplatesAsync(string productId, TemplateQuery? query = null, CancellationToken cancellationToken = default)
        => ListAsync(Path("products", productId, "templates"), query?.ToRql(), Json.ListProductTemplate, cancellationToken);

    /// <inheritdoc />
    public async Task<Conversation?> FindConversationAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var query = "instance_id=" + Uri.EscapeDataString(instanceId) + "&limit=1&offset=0";
        var found = await SendAsync(HttpMethod.Get, "conversations", query, null, Json.ListConversation, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <inheritdoc />
    public Task<ConversationMessage> AddConversationMessageAsync(string conversationId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = new MessageBody(MessageText.Sanitize(text, options.MaxConversationMessageLength), "message");
        return SendAsync(HttpMethod.Post, Path("conversations", conversationId, "messages"), null, Content(body, WireJson.MessageBody), Json.ConversationMessage, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Asset> GetAssetAsync(string assetId, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Get, Path("assets", assetId), null, null, Json.Asset, cancellationToken);

    internal static int? ParseContentRangeTotal(HttpResponseMessage response)
    {
        if (!response.Content.Headers.NonValidated.TryGetValues("Content-Range", out var values)
            && !response.Headers.NonValidated.TryGetValues("Content-Range", out values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var slash = value.LastIndexOf('/');
            if (slash >= 0 && int.TryParse(value.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
        }

        return null;
    }

    private static Func<HttpClient> CheckClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static string BuildUserAgent()
    {
        var version = typeof(ConnectClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus > 0 ? version[..plus] : version;
        return $"connect-fulfillment-dotnet/{version} .NET/{Environment.Version} {RuntimeInformation.OSArchitecture}/{Environment.OSVersion.Platform}";
    }

    private static string Path(string collection, string id, string? action = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var escaped = Uri.EscapeDataString(id);
        return action is null ? $"{collection}/{escaped}" : $"{collection}/{escaped}/{action}";
    }

    /// <summary>Formats a date as Connect documents it, in UTC: <c>2023-04-28T11:36:38.814429+00:00</c>.</summary>
    private static string? FormatDate(DateTimeOffset? date)
        => date?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    private static List<WireParameter> ToWire(IEnumerable<ParameterUpdate> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var wire = parameters.Select(p => new WireParameter((p ?? throw new ArgumentException("Parameter updates must not be null.", nameof(parameters))).Id)
        {
            Value = p.Value,
            ValueError = p.ValueError,
            StructuredValue = p.StructuredValue,
        }).ToList();
        return wire.Count > 0 ? wire : throw new ArgumentException("At least one parameter update is needed.", nameof(parameters));
    }

    private static ByteArrayContent Content<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private async IAsyncEnumerable<T> ListAsync<T>(string path, RqlFilter? filter, JsonTypeInfo<List<T>> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        ConnectPage<T>? previous = null;
        while (true)
        {
            var page = await GetPageAsync(path, filter, offset, null, typeInfo, cancellationToken).ConfigureAwait(false);
            if (previous is not null && IsRepeatedPage(previous, page))
            {
                throw RepeatedPage(path, previous.Offset, page.Offset);
            }

            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasMore)
            {
                yield break;
            }

            offset += page.Count;
            previous = page;
        }
    }

    /// <summary>
    /// Whether a page without <c>Content-Range</c>, read at a later offset, holds exactly the items of the previous
    /// page: a server that ignores <c>offset</c> would otherwise be listed forever.
    /// </summary>
    internal static bool IsRepeatedPage<T>(ConnectPage<T> previous, ConnectPage<T> page)
    {
        if (page.Total is not null || page.Offset == previous.Offset || page.Items.Count == 0 || page.Items.Count != previous.Items.Count)
        {
            return false;
        }

        for (var i = 0; i < page.Items.Count; i++)
        {
            if (IdOf(page.Items[i]) is not { Length: > 0 } id || !string.Equals(id, IdOf(previous.Items[i]), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The error raised when a listing repeats itself (see <see cref="IsRepeatedPage"/>).</summary>
    internal static ConnectApiException RepeatedPage(string path, int previousOffset, int offset)
    {
        var details = new ConnectErrorDetails { StatusCode = 200, Method = HttpMethod.Get.Method, Path = path };
        return new ConnectApiException(
            details,
            $"Connect GET {path} answered the page at offset {offset} with the same items as at offset {previousOffset} and sent no Content-Range: "
            + "the server ignores offset, so the listing was stopped instead of repeating forever.");
    }

    private static string? IdOf<T>(T item) => item switch
    {
        FulfillmentRequest request => request.Id,
        TierConfigRequest request => request.Id,
        ProductTemplate template => template.Id,
        Conversation conversation => conversation.Id,
        _ => null,
    };

    private async Task<ConnectPage<T>> GetPageAsync<T>(string path, RqlFilter? filter, int offset, int? limit, JsonTypeInfo<List<T>> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var size = limit ?? options.PageSize;
        ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(limit));
        var query = PageQuery(filter, size, offset);
        using var response = await SendCoreAsync(HttpMethod.Get, path, query, null, cancellationToken).ConfigureAwait(false);
        var itemType = (JsonTypeInfo<T>)typeInfo.Options.GetTypeInfo(typeof(T));
        var unreadable = new List<UnreadableItem>();
        var items = await ReadBodyAsync(
            response,
            HttpMethod.Get,
            path,
            typeof(List<T>).Name,
            async (stream, token) =>
            {
                // The buffering handler under each attempt already holds the body: read it in place. Any other content
                // (only if a caller's handler replaced it) is copied from its stream first.
                if (response.Content is BufferedContent buffered)
                {
                    return PageReader.ReadItems(buffered.Body.Span, itemType, offset, unreadable);
                }

                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, token).ConfigureAwait(false);
                return PageReader.ReadItems(copy.GetBuffer().AsSpan(0, (int)copy.Length), itemType, offset, unreadable);
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var item in unreadable)
        {
            // One item of the wrong shape is reported on its own instead of failing the whole page.
            ConnectClientLog.UnreadableItem(logger, path, item.Position, item.Id, item.Error);
        }

        return new ConnectPage<T>(items, offset, ParseContentRangeTotal(response), unreadable);
    }

    private async Task<int> CountAsync<T>(string path, RqlFilter? filter, JsonTypeInfo<List<T>> typeInfo, CancellationToken cancellationToken)
    {
        var page = await GetPageAsync(path, filter, 0, 0, typeInfo, cancellationToken).ConfigureAwait(false);
        if (page.Total is { } total)
        {
            return total;
        }

        // No Content-Range: count by reading every page.
        var count = 0;
        await foreach (var unused in ListAsync(path, filter, typeInfo, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private static string PageQuery(RqlFilter? filter, int limit, int offset)
    {
        var paging = string.Create(CultureInfo.InvariantCulture, $"limit={limit}&offset={offset}");
        return filter is null ? paging : filter.ToQueryString() + "&" + paging;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? query, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, query, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, method, path, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendNoContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, null, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call and returns a successful response; error answers and transport failures become exceptions.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, string? query, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, query is null ? $"{endpoint}/{path}" : $"{endpoint}/{path}?{query}")
        {
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var started = timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await httpClients().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            var reason = ex is HttpRequestException ? "connection failed: " + ex.Message : "timed out";
            ConnectClientLog.NoAnswer(logger, method.Method, path, reason);
            var details = new ConnectErrorDetails { Method = method.Method, Path = path };
            throw new ConnectApiException(details, $"Connect {method.Method} {path} got no answer ({reason}).", ex);
        }

        var elapsed = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        ConnectClientLog.Answered(logger, method.Method, path, (int)response.StatusCode, elapsed);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, method, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        => ReadBodyAsync(
            response,
            method,
            path,
            typeof(T).Name,
            async (stream, token) => await JsonSerializer.DeserializeAsync(stream, typeInfo, token).ConfigureAwait(false),
            cancellationToken);

    private async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, HttpMethod method, string path, string typeName, Func<Stream, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;

        // The resilience pipeline's attempt timeout ends when the headers arrive; the body gets its own timeout so that
        // a server that stalls mid-body cannot hang the caller.
        using var bodyTimeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var value = await read(stream, linked.Token).ConfigureAwait(false);
                return value ?? throw Unreadable(method, path, status, $"an empty (null) {typeName}", null);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (JsonException ex)
        {
            throw Unreadable(method, path, status, $"a body that is not valid JSON for {typeName} ({ex.Message})", ex);
        }
        catch (OperationCanceledException ex) when (bodyTimeout.IsCancellationRequested)
        {
            throw Unreadable(method, path, status, $"a body that was not read to the end within the timeout ({options.Timeout})", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or TimeoutRejectedException)
        {
            throw Unreadable(method, path, status, "a body that could not be read to the end (" + ex.Message + ")", ex);
        }
    }

    private ConnectApiException Unreadable(HttpMethod method, string path, int status, string what, Exception? inner)
    {
        ConnectClientLog.NoAnswer(logger, method.Method, path, what);
        var details = new ConnectErrorDetails { StatusCode = status, Method = method.Method, Path = path };
        return new ConnectApiException(details, $"Connect {method.Method} {path} answered {status} with {what}.", inner);
    }

    private async Task<ConnectApiException> ToExceptionAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ConnectErrorBody? body = null;
        string? text = null;
        using var bodyTimeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            try
            {
                body = JsonSerializer.Deserialize(bytes, Json.ConnectErrorBody);
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page from a proxy, for example): keep the start of the text.
            }

            if (body is not { ErrorCode: not null } and not { Errors: not null })
            {
                // Not Connect's error shape: the raw text says more than an empty error list.
                body = null;
                text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 500)).Trim();
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            text = "(the error body could not be read)";
        }

        var errors = body?.Errors ?? (string.IsNullOrEmpty(text) ? [] : [text]);
        var details = new ConnectErrorDetails
        {
            StatusCode = status,
            ErrorCode = body?.ErrorCode,
            Errors = errors,
            Parameters = body?.Params,
            Method = method.Method,
            Path = path,
        };
        ConnectClientLog.Failed(logger, method.Method, path, status, details.ErrorCode, string.Join("; ", errors));
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ConnectUnauthorizedException(details),
            HttpStatusCode.NotFound => new ConnectNotFoundException(details),
            HttpStatusCode.TooManyRequests => new ConnectRateLimitedException(details, ConnectResilience.RetryAfter(response, timeProvider)),
            _ => new ConnectApiException(details),
        };
    }
}
