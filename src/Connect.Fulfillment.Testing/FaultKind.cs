namespace Connect.Fulfillment.Testing;

/// <summary>The kinds of fault a <see cref="FaultRule"/> can inject.</summary>
public enum FaultKind
{
    /// <summary>Delay the call, then handle it normally.</summary>
    Latency,

    /// <summary>Answer 429 with a <c>Retry-After</c> header; state is not changed.</summary>
    RateLimit,

    /// <summary>Answer a 5xx error body; state is not changed.</summary>
    ServerError,

    /// <summary>Abort the connection without a response; state is not changed.</summary>
    DropConnection,

    /// <summary>Never answer: wait until the client gives up (or the sandbox stops); state is not changed.</summary>
    Hang,

    /// <summary>Answer 200 with a body that is not valid JSON; state is not changed.</summary>
    MalformedJson,

    /// <summary>Announce a longer Content-Length than is written, then abort; state is not changed.</summary>
    TruncatedBody,

    /// <summary>Apply the call to the state, then answer 5xx (or abort) instead of the real response.</summary>
    LoseResponse,
}
