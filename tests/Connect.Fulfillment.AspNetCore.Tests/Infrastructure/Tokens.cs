using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Fulfillment.AspNetCore.Tests.Infrastructure;

/// <summary>Makes the tokens Connect would send, and the forged ones it would not.</summary>
internal static class Tokens
{
    /// <summary>The webhook secret of the tests: long enough for HS512 too, so that only the algorithm differs.</summary>
    public const string Secret = "JWT-9cbfcbcc-3518496a-ae1b9dc0-79df99bc-5b1c0e2d-7f3a9c41-22d8e6aa";

    public const string OtherSecret = "JWT-00000000-11111111-22222222-33333333-44444444-55555555-66666666";

    public static string Valid(string secret = Secret) => Create(secret, SecurityAlgorithms.HmacSha256, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

    public static string Create(string secret, string algorithm, DateTime? notBefore, DateTime? expires)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
            NotBefore = notBefore,
            Expires = expires,
            IssuedAt = notBefore,
            Claims = new Dictionary<string, object> { ["sub"] = "connect-webhook" },
        });
    }

    public static string Rs256()
    {
        using var rsa = RSA.Create(2048);
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)), SecurityAlgorithms.RsaSha256),
            Expires = DateTime.UtcNow.AddMinutes(5),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with a valid lifetime.</summary>
    public static string Unsigned()
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode($$"""{"sub":"connect-webhook","exp":{{exp}}}""") + ".";
    }

    /// <summary>A valid token whose signature was changed.</summary>
    public static string Tampered()
    {
        var token = Valid();
        var last = token[^2] == 'A' ? 'B' : 'A';
        return token[..^2] + last + token[^1];
    }
}
