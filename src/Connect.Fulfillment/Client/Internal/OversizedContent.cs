namespace Connect.Fulfillment.Client.Internal;

/// <summary>
/// Stands in for a body that <see cref="BufferingHandler"/> refused to read because it is over the limit: the answer
/// keeps its status and headers for the retry rules and the error mapping, and any attempt to read the body fails
/// with the <see cref="ResponseTooLargeException"/> that names the limit.
/// </summary>
internal sealed class OversizedContent : HttpContent
{
    public OversizedContent(ResponseTooLargeException error)
    {
        Error = error;
    }

    /// <summary>Why the body was not kept.</summary>
    public ResponseTooLargeException Error { get; }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        => Task.FromException(new ResponseTooLargeException(Error.Limit, Error.Message));

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromException<Stream>(new ResponseTooLargeException(Error.Limit, Error.Message));

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
