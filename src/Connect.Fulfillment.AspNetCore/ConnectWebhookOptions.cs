using System.ComponentModel.DataAnnotations;
using Connect.Fulfillment.AspNetCore.Internal;

namespace Connect.Fulfillment.AspNetCore;

/// <summary>Settings of the Connect webhook endpoints; validated at start-up.</summary>
public sealed class ConnectWebhookOptions : IValidatableObject
{
    /// <summary>The shortest secret accepted, in UTF-8 bytes: HS256 needs a key of at least 256 bits.</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>
    /// The webhook's shared secret (<c>jwt_secret</c> in Connect), which signs the HS256 JWT of every call. Required;
    /// at least <see cref="MinimumSecretBytes"/> bytes. Never logged.
    /// </summary>
    [Required]
    public string? JwtSecret { get; set; }

    /// <summary>
    /// Further secrets accepted besides <see cref="JwtSecret"/>: while rotating a secret, or when the validation and the
    /// events webhooks have secrets of their own. Empty by default.
    /// </summary>
    public IList<string> AdditionalJwtSecrets { get; set; } = [];

    /// <summary>How far the token's <c>exp</c> and <c>nbf</c> may be off this machine's clock (0 to 5 minutes). Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a token without <c>exp</c> is refused. Off by default: which time claims Connect puts in its tokens is not
    /// documented, so a token without <c>exp</c> is accepted when its signature is right; <c>exp</c> and <c>nbf</c> are
    /// always checked when present. Turn it on once you have seen that your tokens carry <c>exp</c>.
    /// </summary>
    public bool RequireExpirationTime { get; set; }

    /// <summary>The largest request body read, in bytes (1 KiB to 64 MiB); a larger one is answered 413. Default 1 MiB.</summary>
    [Range(1024L, 64L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the validators of one call may take together before the call is answered 500 (up to 5 minutes). Default 10 seconds.</summary>
    public TimeSpan ValidatorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many event notifications may wait for processing (1 to 100 000); more are answered 503. Default 1000.</summary>
    [Range(1, 100_000)]
    public int EventQueueCapacity { get; set; } = 1000;

    /// <summary>How many notified requests are processed at once (1 to 64). Default 4.</summary>
    [Range(1, 64)]
    public int EventConcurrency { get; set; } = 4;

    /// <summary>
    /// The Connect account (the name given to <c>AddConnectFulfillment</c>) whose pipeline processes events; empty for
    /// the default account.
    /// </summary>
    public string PipelineName { get; set; } = string.Empty;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
        => ConnectWebhookOptionsValidator.Rules(this).Select(message => new ValidationResult(message));
}
