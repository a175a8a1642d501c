using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>Reads a request body up to a limit, without trusting Content-Length alone (chunked bodies have none).</summary>
internal static class BodyReader
{
    /// <summary>Reads the whole body; null when it is longer than <paramref name="maxBytes"/>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The body, or null when too large.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = new ArrayBufferWriter<byte>(request.ContentLength is long length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = body.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return body.WrittenSpan.ToArray();
            }

            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }
}
