using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// Checks the <c>Authorization: Bearer &lt;jwt&gt;</c> header of a webhook call: an HS256 signature by one of the
/// configured secrets, and <c>exp</c>/<c>nbf</c> against the clock with a small skew. Only HS256 is accepted, so
/// unsigned (<c>alg: none</c>) tokens and tokens of any other algorithm fail. The reason of a refusal is logged as a
/// category only; neither the token nor a secret ever is.
/// </summary>
internal sealed class WebhookAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;
    private readonly ConnectWebhookOptions options;
    private readonly TimeProvider timeProvider;

    public WebhookAuthenticator(IOptions<ConnectWebhookOptions> options, TimeProvider timeProvider)
    {
        this.options = options.Value;
        this.timeProvider = timeProvider;
        var secrets = new[] { this.options.JwtSecret! }.Concat(this.options.AdditionalJwtSecrets ?? []);
        parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = secrets.Select(secret => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret))).ToArray(),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,

            // Connect documents neither issuer nor audience for webhook tokens.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            LifetimeValidator = IsWithinLifetime,
        };
    }

    /// <summary>Whether the call carries a valid token; never throws for a bad token.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="logger">Where the refusal's category goes.</param>
    /// <returns>True when the call may proceed.</returns>
    public async Task<bool> IsAuthorizedAsync(HttpRequest request, ILogger logger)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } header)
        {
            WebhookLog.TokenRejected(logger, request.Path, headers.Count == 0 ? "no Authorization header" : "several Authorization headers");
            return false;
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            WebhookLog.TokenRejected(logger, request.Path, "not a Bearer token");
            return false;
        }

        var token = header[Scheme.Length..].Trim();
        if (token.Length == 0)
        {
            WebhookLog.TokenRejected(logger, request.Path, "empty Bearer token");
            return false;
        }

        var result = await handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            // The exception type says why (signature, algorithm, lifetime) without any of the token's content.
            WebhookLog.TokenRejected(logger, request.Path, result.Exception?.GetType().Name ?? "invalid token");
        }

        return result.IsValid;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters validationParameters)
    {
        if (expires is null && options.RequireExpirationTime)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var skew = options.ClockSkew;
        if (notBefore is { } start && start.ToUniversalTime() > now + skew)
        {
            return false;
        }

        return expires is not { } end || end.ToUniversalTime() >= now - skew;
    }
}
