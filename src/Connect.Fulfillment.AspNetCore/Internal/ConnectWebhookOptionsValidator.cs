using System.Text;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Validates <see cref="ConnectWebhookOptions"/> at start-up: the generated code calls the options' rules through
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>. Messages name the setting, never a secret.
/// </summary>
[OptionsValidator]
internal sealed partial class ConnectWebhookOptionsValidator : IValidateOptions<ConnectWebhookOptions>
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxValidatorTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The rules, one message per problem.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when the options are valid.</returns>
    internal static IEnumerable<string> Rules(ConnectWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = nameof(ConnectWebhookOptions) + ".";
        // [Required] reports a missing or blank secret.
        if (!string.IsNullOrWhiteSpace(options.JwtSecret) && Encoding.UTF8.GetByteCount(options.JwtSecret) < ConnectWebhookOptions.MinimumSecretBytes)
        {
            yield return $"{Prefix}{nameof(options.JwtSecret)} must be at least {ConnectWebhookOptions.MinimumSecretBytes} bytes long (an HS256 key); give the webhook a longer secret in Connect.";
        }

        var index = 0;
        foreach (var secret in options.AdditionalJwtSecrets ?? [])
        {
            if (string.IsNullOrWhiteSpace(secret) || Encoding.UTF8.GetByteCount(secret) < ConnectWebhookOptions.MinimumSecretBytes)
            {
                yield return $"{Prefix}{nameof(options.AdditionalJwtSecrets)}[{index}] must be at least {ConnectWebhookOptions.MinimumSecretBytes} bytes long.";
            }

            index++;
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxClockSkew)
        {
            yield return $"{Prefix}{nameof(options.ClockSkew)} must be between 00:00:00 and 00:05:00; got {options.ClockSkew}.";
        }

        if (options.ValidatorTimeout <= TimeSpan.Zero || options.ValidatorTimeout > MaxValidatorTimeout)
        {
            yield return $"{Prefix}{nameof(options.ValidatorTimeout)} must be more than zero and at most 00:05:00; got {options.ValidatorTimeout}.";
        }

        if (options.PipelineName is null)
        {
            yield return $"{Prefix}{nameof(options.PipelineName)} must not be null; use an empty name for the default account.";
        }
    }
}
