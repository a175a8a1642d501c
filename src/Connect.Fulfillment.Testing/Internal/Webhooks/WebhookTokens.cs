using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.Testing.Internal.Webhooks;

/// <summary>Signs the short-lived HS256 JWT Connect puts in <c>Authorization: Bearer</c> of every webhook call.</summary>
internal static class WebhookTokens
{
    /// <summary>Connect does not document its tokens' lifetime; a few minutes is enough for one call.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A token with <c>iat</c>, <c>nbf</c> and <c>exp</c> taken from the sandbox's clock.</summary>
    public static string Create(WebhookTarget target, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(target.Key), SecurityAlgorithms.HmacSha256),
        });
    }
}
