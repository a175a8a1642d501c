using Microsoft.Extensions.Options;

namespace Connect.Fulfillment;

/// <summary>Validates <see cref="ConnectClientOptions"/>; each failure names the setting at fault.</summary>
public sealed class ConnectClientOptionsValidator : IValidateOptions<ConnectClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConnectClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Lists what is wrong with the options; empty when they are valid.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IEnumerable<string> Check(ConnectClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = nameof(ConnectClientOptions) + ".";
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{Prefix}{nameof(options.Endpoint)} must be an absolute http(s) URL such as {ConnectClientOptions.DefaultEndpoint}; got '{options.Endpoint}'.";
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !options.AllowInsecureHttp)
        {
            yield return $"{Prefix}{nameof(options.Endpoint)} uses http:// to '{endpoint.Host}', which would send the API key in clear text; use https:// (or set {nameof(options.AllowInsecureHttp)}).";
        }
        else if (endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0 || endpoint.UserInfo.Length > 0)
        {
            yield return $"{Prefix}{nameof(options.Endpoint)} must be a base URL without user info, query or fragment, such as {ConnectClientOptions.DefaultEndpoint}.";
        }

        var key = options.ApiKey?.Trim() ?? string.Empty;
        if (key.Length == 0 || key.Equals("ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{Prefix}{nameof(options.ApiKey)} is required (a token from Connect's Integrations → Tokens).";
        }
        else if (key.Any(char.IsControl))
        {
            yield return $"{Prefix}{nameof(options.ApiKey)} contains control characters.";
        }

        if (options.UserAgent is { } userAgent && userAgent.Any(char.IsControl))
        {
            yield return $"{Prefix}{nameof(options.UserAgent)} contains control characters.";
        }

        if (options.PageSize is < 1 or > 1000)
        {
            yield return $"{Prefix}{nameof(options.PageSize)} must be between 1 and 1000; got {options.PageSize}.";
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.Timeout)} must be positive; got {options.Timeout}.";
        }

        if (options.TotalTimeout <= TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.TotalTimeout)} must be positive; got {options.TotalTimeout}.";
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            yield return $"{Prefix}{nameof(options.MaxRetryAttempts)} must be between 0 and 10; got {options.MaxRetryAttempts}.";
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.RetryBaseDelay)} must not be negative; got {options.RetryBaseDelay}.";
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            yield return $"{Prefix}{nameof(options.MaxRetryAfter)} must not be negative; got {options.MaxRetryAfter}.";
        }

        if (options.MaxConversationMessageLength < 1)
        {
            yield return $"{Prefix}{nameof(options.MaxConversationMessageLength)} must be positive; got {options.MaxConversationMessageLength}.";
        }
    }
}
