using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Connect.Fulfillment;

/// <summary>
/// Reads the whole response body inside each attempt, so that the attempt timeout covers the body and a connection
/// lost mid-body is a retryable <see cref="HttpRequestException"/> (for the calls that may be re-sent) rather than a
/// failure after the resilience pipeline has already returned. A socket error that the HTTP stack lets through
/// unwrapped (it does so for a connection reset just after connecting) becomes an <see cref="HttpRequestException"/>
/// too, so every transport failure is seen, retried and reported the same way.
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
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(bytes);
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

    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        foreach (var header in from.NonValidated)
        {
            to.TryAddWithoutValidation(header.Key, header.Value);
        }
    }
}
