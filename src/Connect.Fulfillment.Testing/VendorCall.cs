namespace Connect.Fulfillment.Testing;

/// <summary>A call received by the fake vendor.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="IdempotencyKey">The Idempotency-Key header, or null.</param>
/// <param name="Body">The body text, or null.</param>
/// <param name="StatusCode">The status answered.</param>
/// <param name="Replayed">True when the answer was replayed for a known idempotency key.</param>
public sealed record VendorCall(string Method, string Path, string? IdempotencyKey, string? Body, int StatusCode, bool Replayed)
{
    /// <summary>Gets the raw query string including the leading <c>?</c>, or an empty string.</summary>
    public string Query { get; init; } = string.Empty;
}
