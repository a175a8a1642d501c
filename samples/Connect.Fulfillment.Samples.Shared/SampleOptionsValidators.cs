using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples;

/// <summary>
/// Checks the sample settings when the host starts. Each reports only its first problem, as one line naming the key,
/// so that the host can print exactly one line.
/// </summary>
public sealed class SampleOptionsValidators : IValidateOptions<ConnectSettings>, IValidateOptions<VendorSettings>, IValidateOptions<FulfillmentSettings>
{
    private static readonly string[] KnownEnvironments = ["preview", "test", "production"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConnectSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check.Url("Connect:Endpoint", options.Endpoint, "the API key")
            ?? Check.Secret("Connect:ApiKey", options.ApiKey, "a token from Connect's Integrations → Tokens")
            ?? (options.ApiKey!.Trim().Equals("ApiKey", StringComparison.OrdinalIgnoreCase) ? "Connect:ApiKey is only the 'ApiKey' prefix; add the token after it." : null)
            ?? (options.ProductIds.Any(string.IsNullOrEmpty) ? "Connect:Products has an empty entry." : null)
            ?? (!options.ProductIds.Any() ? "Connect:Products must list at least one product id (PRD-…) when Connect:Endpoint is set." : null)
            ?? options.Environments.Where(e => !KnownEnvironments.Contains(e, StringComparer.Ordinal))
                .Select(e => $"Connect:Environments has '{Check.Shorten(e)}'; use preview, test or production.").FirstOrDefault());
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VendorSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check.Url("Vendor:BaseUrl", options.BaseUrl, "the vendor key")
            ?? Check.Secret("Vendor:ApiKey", options.ApiKey, "the vendor API key")
            ?? Check.Range("Vendor:TimeoutSeconds", options.TimeoutSeconds, 1, 3600));
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FulfillmentSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            (string.IsNullOrWhiteSpace(options.SubscriptionIdParameter) ? "Fulfillment:SubscriptionIdParameter must not be empty (default subscription_id)." : null)
            ?? Check.Range("Fulfillment:MaxConcurrency", options.MaxConcurrency, 1, 1024));
    }

    private static ValidateOptionsResult Result(string? failure) => failure is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failure);
}
