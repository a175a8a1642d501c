using System.Net.Http.Headers;
using System.Net.Sockets;
using Connect.Fulfillment.Client.Internal;

namespace Connect.Fulfillment;

/// <summary>
/// Reads the whole response body inside each attempt, so that the attempt timeout covers the body and a connection
/// lost mid-body is a retryable <see cref="HttpRequestException"/> (for the calls that may be re-sent) rather than a
/// failure after the resilience pipeline has already returned. A socket error that the HTTP stack lets through
/// unwrapped (it does so for a connection reset just after connecting) becomes an <see cref="HttpRequestException"/>
/// too, so every transport failure is seen, retried and reported the same way. A 2xx body to a call that may be re-sent
/// is checked to be syntactically valid JSON and marked on its <see cref="BufferedContent"/> when it is not, without
/// throwing: the retry rules re-send such a call, and the last answer is still parsed and reported by the client.
/// A body over <see cref="ConnectClientOptions.MaxResponseBytes"/> is not read past the limit: the answer keeps its
/// status and headers, and its body becomes an <see cref="OversizedContent"/> that the client reports as such.
/// </summary>
internal sealed class BufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new HttpRequestException($"The connection failed ({ex.Message}).", ex);
        }

        try
        {
            HttpContent buffered;
            try
            {
                var bytes = await ResponseLimit.ReadAsync(response.Content, ResponseLimit.Of(request), cancellationToken).ConfigureAwait(false);
                buffered = new BufferedContent(bytes, IsMalformedJson(request, response, bytes));
            }
            catch (ResponseTooLargeException ex)
            {
                // Not a transport failure: the same call would get the same body, so nothing here asks for a retry.
                buffered = new OversizedContent(ex);
            }

            CopyHeaders(response.Content.Headers, buffered.Headers);
            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            response.Dispose();
            throw new HttpRequestException($"The connection was lost while reading the response body ({ex.Message}).", ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether a 2xx answer to a call that may be re-sent has a non-empty body that is not syntactically valid JSON
    /// (a proxy glitch, a body cut short under a correct Content-Length): such an answer is retried like a 5xx.
    /// </summary>
    private static bool IsMalformedJson(HttpRequestMessage request, HttpResponseMessage response, byte[] bytes)
        => bytes.Length > 0
           && response.IsSuccessStatusCode
           && ConnectResilience.IsSafeToResend(request.Method)
           && !BufferedContent.IsValidJson(bytes);

    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        // The response's own content headers, moved as the HTTP stack received them onto the buffered copy of the same
        // body: nothing is added, so re-validating (and possibly dropping) them would only change what callers see.
        foreach (var header in from.NonValidated)
        {
            to.TryAddWithoutValidation(header.Key, header.Value);
        }
    }
}
