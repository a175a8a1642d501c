using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connect.Fulfillment.Serialization.Internal;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Connect.Fulfillment.Client.Internal;

/// <summary>
/// Sends one Connect call and turns the answer into a value or an exception: the standard headers, the body timeout,
/// and the mapping of error answers to <see cref="ConnectApiException"/> and its subclasses. Retries happen below it,
/// in the HTTP client's resilience handler.
/// </summary>
internal sealed class ConnectHttpSender
{
    private readonly Func<HttpClient> httpClients;
    private readonly string endpoint;
    private readonly string authorization;
    private readonly string userAgent;
    private readonly TimeSpan timeout;
    private readonly long maxResponseBytes;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly SecretText secrets;

    public ConnectHttpSender(Func<HttpClient> httpClients, string endpoint, string authorization, string userAgent, TimeSpan timeout, long maxResponseBytes, ILogger logger, TimeProvider timeProvider)
    {
        this.httpClients = httpClients;
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.logger = logger;
        this.timeProvider = timeProvider;
        secrets = SecretText.ForApiKey(authorization);
    }

    public ILogger Logger => logger;

    /// <summary>This client's API key in the forms a server may echo; masked in every text the client reports or sends.</summary>
    public SecretText Secrets => secrets;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? query, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, query, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, method, path, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendNoContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, null, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call and returns a successful response; error answers and transport failures become exceptions.</summary>
    public async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, string? query, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, query is null ? $"{endpoint}/{path}" : $"{endpoint}/{path}?{query}")
        {
            Content = content,
        };
        // Both come from options validated at start (printable ASCII, no control characters), never from the wire;
        // parsing them again on every call would buy nothing.
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(ResponseLimit.Key, maxResponseBytes);

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
            var reason = ex is HttpRequestException ? "connection failed: " + secrets.Clean(ex.Message) : "timed out";
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

    public Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        => ReadBodyAsync(
            response,
            method,
            path,
            typeof(T).Name,
            async (stream, token) =>
            {
                try
                {
                    return await JsonSerializer.DeserializeAsync(stream, typeInfo, token).ConfigureAwait(false);
                }
                catch (JsonException) when (response.Content is BufferedContent buffered
                    && JsonDepth.LevelsOf(buffered.Body.Span, typeInfo.Options) is { } levels && levels > JsonDepth.ItemLimit(typeInfo.Options))
                {
                    // Said plainly: the serializer's own message names a reader depth that means nothing to a caller.
                    throw new JsonException($"it nests {levels} levels deep, more than the {JsonDepth.ItemLimit(typeInfo.Options)} allowed");
                }
            },
            cancellationToken);

    public async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, HttpMethod method, string path, string typeName, Func<Stream, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;

        // The resilience pipeline's attempt timeout ends when the headers arrive; the body gets its own timeout so that
        // a server that stalls mid-body cannot hang the caller.
        using var bodyTimeout = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);

            // A body the buffering handler read is already within the limit; any other is counted as it is read.
            stream = response.Content is BufferedContent ? stream : ResponseLimit.Bound(response.Content, stream, maxResponseBytes);
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
        catch (ResponseTooLargeException ex)
        {
            throw Unreadable(method, path, status, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (bodyTimeout.IsCancellationRequested)
        {
            throw Unreadable(method, path, status, $"a body that was not read to the end within the timeout ({timeout})", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or TimeoutRejectedException)
        {
            throw Unreadable(method, path, status, "a body that could not be read to the end (" + ex.Message + ")", ex);
        }
    }

    private ConnectApiException Unreadable(HttpMethod method, string path, int status, string what, Exception? inner)
    {
        // A parser or transport message may quote what the server sent.
        what = secrets.Clean(what);
        ConnectClientLog.NoAnswer(logger, method.Method, path, what);
        var details = new ConnectErrorDetails { StatusCode = status, Method = method.Method, Path = path };
        return new ConnectApiException(details, $"Connect {method.Method} {path} answered {status} with {what}.", inner);
    }

    private async Task<ConnectApiException> ToExceptionAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ConnectErrorBody? body = null;
        string? text = null;
        using var bodyTimeout = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        try
        {
            var bytes = await ResponseLimit.ReadAsync(response.Content, maxResponseBytes, linked.Token).ConfigureAwait(false);
            try
            {
                body = JsonSerializer.Deserialize(bytes, ConnectJsonContext.Default.ConnectErrorBody);
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
        catch (ResponseTooLargeException ex)
        {
            text = $"(the error body was not read: {ex.Message})";
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            text = "(the error body could not be read)";
        }

        // Whatever the server wrote may echo our Authorization header or carry line breaks and terminal escapes: the key
        // is masked and the text escaped once, here, so every message, log line and reason built from it is safe.
        var errors = body?.Errors is { } listed ? listed.Select(secrets.Clean).ToList() : (string.IsNullOrEmpty(text) ? [] : [secrets.Clean(text)]);
        var details = new ConnectErrorDetails
        {
            StatusCode = status,
            ErrorCode = body?.ErrorCode is { } code ? secrets.Clean(code) : null,
            Errors = errors,
            Parameters = MaskParameters(body?.Params),
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

    private JsonElement? MaskParameters(JsonElement? parameters)
    {
        if (parameters is not { } element || secrets.IsEmpty)
        {
            return parameters;
        }

        var raw = element.GetRawText();
        var masked = secrets.Apply(raw);
        if (ReferenceEquals(masked, raw))
        {
            return parameters;
        }

        // The key sits inside a JSON string (its characters need no escaping), so the masked text is still valid JSON.
        using var document = JsonDocument.Parse(masked);
        return document.RootElement.Clone();
    }
}
