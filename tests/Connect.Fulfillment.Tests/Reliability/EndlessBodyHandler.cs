using System.Net;
using System.Text;

namespace Connect.Fulfillment.Tests.Reliability;

/// <summary>
/// A hostile server as an HTTP handler: every answer is JSON that never ends (an array for a list call, an object with an
/// endless note otherwise), sent without Content-Length as a chunked body would be, or with a declared length. Records
/// how many bytes the client pulled from the largest body, so a test can tell that reading stopped at the limit.
/// </summary>
internal sealed class EndlessBodyHandler(HttpStatusCode status, long? declaredLength = null) : HttpMessageHandler
{
    private long largestBodyServed;
    private int calls;

    public long LargestBodyServed => Interlocked.Read(ref largestBodyServed);

    public int Calls => Volatile.Read(ref calls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var isList = request.RequestUri!.AbsolutePath.EndsWith("/requests", StringComparison.Ordinal);
        var content = new StreamContent(isList ? new EndlessJson(this, "[", """{"id":"PR-1","type":"purchase"},""") : new EndlessJson(this, """{"id":"PR-1","note":" """, "x"));
        content.Headers.ContentLength = declaredLength;
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
    }

    private void Served(long total)
    {
        long seen;
        while (total > (seen = Interlocked.Read(ref largestBodyServed)) && Interlocked.CompareExchange(ref largestBodyServed, total, seen) != seen)
        {
        }
    }

    /// <summary>A prefix, then a unit repeated forever; not seekable, so its length is unknown.</summary>
    private sealed class EndlessJson(EndlessBodyHandler owner, string prefix, string unit) : Stream
    {
        private readonly byte[] start = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] repeated = Encoding.UTF8.GetBytes(unit);
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            for (var i = 0; i < buffer.Length; i++, position++)
            {
                buffer[i] = position < start.Length ? start[position] : repeated[(position - start.Length) % repeated.Length];
            }

            owner.Served(position);
            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
