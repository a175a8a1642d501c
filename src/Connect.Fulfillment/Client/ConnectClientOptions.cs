using System.ComponentModel.DataAnnotations;

namespace Connect.Fulfillment;

/// <summary>
/// Settings of a <see cref="ConnectClient"/>. Validated at start-up when registered with
/// <c>AddConnectFulfillment</c>. <see cref="ToString"/> never shows the API key.
/// </summary>
public sealed class ConnectClientOptions : IValidatableObject
{
    /// <summary>The public Connect API endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.connect.cloudblue.com/public/v1");

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 16 MiB.</summary>
    internal const long DefaultMaxResponseBytes = 16L * 1024 * 1024;

    /// <summary>The smallest <see cref="MaxResponseBytes"/> accepted: 1 KiB.</summary>
    internal const long MinMaxResponseBytes = 1024;

    /// <summary>The largest <see cref="MaxResponseBytes"/> accepted: 1 GiB.</summary>
    internal const long MaxMaxResponseBytes = 1024L * 1024 * 1024;

    /// <summary>The API base URL, ending in <c>/public/v1</c>. Defaults to <see cref="DefaultEndpoint"/>.</summary>
    public Uri? Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The API key (token) from Integrations → Tokens, with or without the <c>ApiKey </c> prefix.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How many items to ask for per page when listing (1–1000). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The timeout of one HTTP attempt. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The timeout of one operation including its retries. Default 5 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a retryable failure is retried (0–10). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base delay of the exponential backoff (jitter is added). Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> the client waits for; a longer one fails the call with <see cref="ConnectRateLimitedException"/>. Default 60 seconds.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A product token added to the <c>User-Agent</c> header, for example <c>my-middleware/2.1</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Allows plain <c>http://</c> to a host that is not loopback. Off by default: the API key would travel in clear text.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The largest response body the client reads, in bytes (1 KiB–1 GiB). Default 16 MiB: a Connect page of 100
    /// requests is a few hundred kilobytes. A larger body is not read past the limit and fails the call with a
    /// <see cref="ConnectApiException"/> naming this setting; raise it only for a large <see cref="PageSize"/>.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The longest conversation message sent; longer texts are cut. Default 4000 characters.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConversationMessageLength { get; set; } = 4000;

    /// <summary>The value of the <c>Authorization</c> header: the key with the <c>ApiKey </c> prefix added when missing.</summary>
    /// <returns>The header value.</returns>
    internal string AuthorizationHeaderValue()
    {
        var key = ApiKey?.Trim() ?? string.Empty;
        return key.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? "ApiKey " + key[7..].Trim() : "ApiKey " + key;
    }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A description.</returns>
    public override string ToString()
        => $"ConnectClientOptions {{ Endpoint = {Endpoint}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, PageSize = {PageSize}, Timeout = {Timeout}, MaxRetryAttempts = {MaxRetryAttempts} }}";

    /// <summary>Checks the rules that data annotations cannot express; each failure names the setting at fault.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>One result per problem.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
        => ConnectClientOptionsValidator.Rules(this).Select(static message => new ValidationResult(message));

    internal ConnectClientOptions Clone() => (ConnectClientOptions)MemberwiseClone();
}
