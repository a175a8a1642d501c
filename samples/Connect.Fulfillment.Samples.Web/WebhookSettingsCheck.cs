using System.Text;
using System.Text.RegularExpressions;
using Connect.Fulfillment.AspNetCore;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.Samples.Web;

/// <summary>
/// Names the <c>Webhook:*</c> keys in start-up problems. It is registered before the library's own checks, so that
/// the one line the host prints for a missing or short secret names <c>Webhook:JwtSecret</c>; the library's messages
/// about the other keys are reworded by <see cref="Reword"/>. The secret itself is never part of a message.
/// </summary>
internal sealed partial class WebhookSettingsCheck : IValidateOptions<ConnectWebhookOptions>
{
    /// <summary>The configuration section of the webhook settings.</summary>
    public const string Section = "Webhook";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConnectWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.JwtSecret))
        {
            return ValidateOptionsResult.Fail(
                "Webhook:JwtSecret is required (environment Webhook__JwtSecret): the JWT secret of the product's webhooks in Connect, at least 32 bytes.");
        }

        return Encoding.UTF8.GetByteCount(options.JwtSecret) < ConnectWebhookOptions.MinimumSecretBytes
            ? ValidateOptionsResult.Fail($"Webhook:JwtSecret must be at least {ConnectWebhookOptions.MinimumSecretBytes} bytes long (an HS256 key); give the webhooks a longer secret in Connect.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>Rewords the library's messages about <see cref="ConnectWebhookOptions"/> to name the configuration keys.</summary>
    /// <param name="problem">A start-up problem, or null.</param>
    /// <returns>The problem naming <c>Webhook:…</c> keys, or null.</returns>
    public static string? Reword(string? problem)
    {
        if (problem is null)
        {
            return null;
        }

        // The generated validator writes "MaxBodyBytes: The field ConnectWebhookOptions.MaxBodyBytes must be …".
        var text = problem.Replace(nameof(ConnectWebhookOptions) + ".", Section + ":", StringComparison.Ordinal);
        var member = LeadingMember().Match(text);
        return member.Success ? text[member.Length..] : text;
    }

    [GeneratedRegex(@"^(?<key>\w+): (?=The field " + Section + @":\k<key>\b)")]
    private static partial Regex LeadingMember();
}
