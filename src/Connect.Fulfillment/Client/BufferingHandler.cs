using System.Net.Http.Headers;

namespace Connect.Fulfillment;

/// <summary>
/// Reads the whole response body inside each attempt, so that the attempt timeout covers the body and a connection
/// lost mid-body is a retryable <see cref="HttpRequestException"/> (for the calls that may be re-sent) rather than a
/// failure after the resilience pipeline has already returned.
/// </summary>
internal sealed class BufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(bytes);
            CopyHeaders(response.Content.Headers, buffered.Headers);
            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch (IOException ex)
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
