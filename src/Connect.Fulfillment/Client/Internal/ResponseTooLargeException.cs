namespace Connect.Fulfillment.Client.Internal;

/// <summary>A response body longer than <see cref="ConnectClientOptions.MaxResponseBytes"/>; turned into a <see cref="ConnectApiException"/> by the client.</summary>
internal sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(long limit, long? declaredLength)
        : this(limit, Describe(limit, declaredLength))
    {
    }

    public ResponseTooLargeException(long limit, string message)
        : base(message)
    {
        Limit = limit;
    }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; }

    private static string Describe(long limit, long? declaredLength)
        => (declaredLength is { } length ? $"a body of {length} bytes" : "a body")
           + $" larger than the limit of {limit} bytes ({nameof(ConnectClientOptions)}.{nameof(ConnectClientOptions.MaxResponseBytes)})"
           + (declaredLength is null ? "; reading stopped at the limit" : "; it was not read");
}
