using System.Text;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>Where a webhook goes and the secret that signs its token. A class, not a record, so no generated
/// <c>ToString</c> ever prints the secret.</summary>
internal sealed class WebhookTarget
{
    /// <summary>The AspNetCore endpoints refuse shorter secrets, and the JWT library will not sign HS256 with less.</summary>
    public const int MinimumSecretBytes = 32;

    private WebhookTarget(Uri url, byte[] key)
    {
        Url = url;
        Key = key;
    }

    public Uri Url { get; }

    public byte[] Key { get; }

    public static WebhookTarget Create(Uri url, string jwtSecret)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(jwtSecret);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The webhook URL must be an absolute http or https URL.", nameof(url));
        }

        var key = Encoding.UTF8.GetBytes(jwtSecret);
        if (key.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"The webhook JWT secret must be at least {MinimumSecretBytes} bytes long (HS256 needs a 256-bit key).", nameof(jwtSecret));
        }

        return new WebhookTarget(url, key);
    }

    public override string ToString() => Url.ToString();
}
