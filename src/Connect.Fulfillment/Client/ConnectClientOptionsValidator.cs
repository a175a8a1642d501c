using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment;

/// <summary>
/// Validates <see cref="ConnectClientOptions"/> at start-up; the generated code checks the data annotations and calls
/// the options' own rules (<see cref="Rules"/>, through <see cref="IValidatableObject"/>). Each failure names the
/// setting at fault.
/// </summary>
[OptionsValidator]
internal sealed partial class ConnectClientOptionsValidator : IValidateOptions<ConnectClientOptions>
{
    /// <summary>
    /// Lists everything wrong with the options, data annotations included; empty when they are valid. Used where the
    /// options are passed without dependency injection, so both paths apply the same rules.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IReadOnlyList<string> Check(ConnectClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectClientOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    /// <summary>The rules that data annotations cannot express, checked through <see cref="IValidatableObject"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    internal static IEnumerable<string> Rules(ConnectClientOptions options)
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
        else if (key.Any(c => c > '\u007e'))
        {
            // An HTTP header carries ASCII only: such a key would fail every call as "could not be reached".
            yield return $"{Prefix}{nameof(options.ApiKey)} contains characters that are not ASCII; copy the token again from Connect.";
        }

        if (options.UserAgent is { } userAgent && userAgent.Any(c => char.IsControl(c) || c > '\u007e'))
        {
            yield return $"{Prefix}{nameof(options.UserAgent)} contains control characters or characters that are not ASCII.";
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

        if (options.MaxResponseBytes is < ConnectClientOptions.MinMaxResponseBytes or > ConnectClientOptions.MaxMaxResponseBytes)
        {
            yield return $"{Prefix}{nameof(options.MaxResponseBytes)} must be between {ConnectClientOptions.MinMaxResponseBytes} (1 KiB) and {ConnectClientOptions.MaxMaxResponseBytes} (1 GiB); got {options.MaxResponseBytes}.";
        }

    }
}
