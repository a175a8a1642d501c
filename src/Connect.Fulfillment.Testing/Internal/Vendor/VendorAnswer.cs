namespace Connect.Fulfillment.Testing.Internal.Vendor;

/// <summary>A fake vendor answer: status and JSON body, kept whole so an Idempotency-Key replay sends the same bytes.</summary>
internal sealed record VendorAnswer(int Status, byte[] Body, int? RetryAfter = null);
