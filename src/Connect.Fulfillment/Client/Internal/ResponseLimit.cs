using System.Buffers;

namespace Connect.Fulfillment.Client.Internal;

/// <summary>
/// Enforces <see cref="ConnectClientOptions.MaxResponseBytes"/> while a body is read: a declared <c>Content-Length</c>
/// over the limit is refused before a byte is read, and a body without one (chunked) is counted as it arrives and
/// abandoned at the first byte past the limit, so a hostile server cannot make the client hold more than the limit.
/// </summary>
internal static class ResponseLimit
{
    /// <summary>The per-request option through which <see cref="ConnectHttpSender"/> hands the limit to <see cref="BufferingHandler"/>.</summary>
    public static readonly HttpRequestOptionsKey<long> Key = new("Connect.Fulfillment.MaxResponseBytes");

    private const int ChunkSize = 81_920;

    /// <summary>The limit set on a request, or the default when none was set (a handler used outside the client).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The limit in bytes.</returns>
    public static long Of(HttpRequestMessage? request)
        => request is not null && request.Options.TryGetValue(Key, out var limit) ? limit : ConnectClientOptions.DefaultMaxResponseBytes;

    /// <summary>Reads a body to the end, keeping at most <paramref name="limit"/> bytes.</summary>
    /// <param name="content">The body.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body's bytes.</returns>
    /// <exception cref="ResponseTooLargeException">The body is longer than the limit.</exception>
    public static async Task<byte[]> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var declared = CheckDeclaredLength(content, limit);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared == 0)
            {
                return [];
            }

            using var body = new MemoryStream(declared is { } length ? (int)length : 0);
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > limit)
                    {
                        throw new ResponseTooLargeException(limit, declaredLength: null);
                    }

                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            // The declared length sized the buffer exactly: hand it over without a copy.
            return body.Length == body.Capacity ? body.GetBuffer() : body.ToArray();
        }
    }

    /// <summary>A stream over a body that fails once more than <paramref name="limit"/> bytes were read from it.</summary>
    /// <param name="content">The body, whose declared length is checked first.</param>
    /// <param name="stream">The body's stream.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <returns>The stream, counted.</returns>
    /// <exception cref="ResponseTooLargeException">The declared length is over the limit.</exception>
    public static Stream Bound(HttpContent content, Stream stream, long limit)
    {
        CheckDeclaredLength(content, limit);
        return new CountingStream(stream, limit);
    }

    private static long? CheckDeclaredLength(HttpContent content, long limit)
    {
        var declared = content.Headers.ContentLength;
        return declared > limit ? throw new ResponseTooLargeException(limit, declared) : declared;
    }

    /// <summary>Counts what is read through it and fails past the limit; read-only, forward-only.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long count;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => count;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            count += read;
            return count > limit ? throw new ResponseTooLargeException(limit, declaredLength: null) : read;
        }
    }
}
