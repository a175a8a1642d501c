using Connect.Fulfillment.Testing.Internal.Webhooks;

namespace Connect.Fulfillment.Testing;

/// <summary>The product's webhooks: kept beside the product, never in its JSON, so no API answer shows a secret.</summary>
public sealed partial class ProductBuilder
{
    internal WebhookTarget? ValidationTarget { get; private set; }

    internal WebhookTarget? EventsTarget { get; private set; }

    /// <summary>
    /// Gives the product a "Draft fulfillment request validations" webhook: drafts added with
    /// <see cref="SandboxRequests.AddDraftAsync"/> are posted to <paramref name="url"/> with a JWT signed by
    /// <paramref name="jwtSecret"/>, as Connect does when Dynamic Validation is enabled.
    /// </summary>
    /// <param name="url">The absolute http(s) URL of the validation endpoint.</param>
    /// <param name="jwtSecret">The webhook's shared secret, at least 32 bytes (HS256 needs a 256-bit key).</param>
    /// <returns>This builder.</returns>
    public ProductBuilder ValidationWebhook(Uri url, string jwtSecret)
    {
        ValidationTarget = WebhookTarget.Create(url, jwtSecret);
        return this;
    }

    /// <summary>
    /// Gives the product a "request queue changed" webhook: whenever one of its requests becomes <c>pending</c> in the
    /// sandbox, <c>{"request_id":"PR-…"}</c> is posted to <paramref name="url"/> with a JWT signed by <paramref name="jwtSecret"/>.
    /// </summary>
    /// <param name="url">The absolute http(s) URL of the events endpoint.</param>
    /// <param name="jwtSecret">The webhook's shared secret, at least 32 bytes (HS256 needs a 256-bit key).</param>
    /// <returns>This builder.</returns>
    public ProductBuilder EventsWebhook(Uri url, string jwtSecret)
    {
        EventsTarget = WebhookTarget.Create(url, jwtSecret);
        return this;
    }
}
