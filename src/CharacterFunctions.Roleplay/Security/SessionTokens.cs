using System.Security.Cryptography;
using System.Text;
using CharacterFunctions.Roleplay.Storage.Caching;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CharacterFunctions.Roleplay.Security;

/// <summary>
/// Player access tokens: HS256 JWTs bound to one session and one player, with an expiry. Signing and
/// validation are the library's (JsonWebTokenHandler); this class only fixes the parameters. A player sends
/// the same token on every request, so the claims of a valid token are remembered (bounded) and a repeat
/// costs a lookup and the expiry check instead of a signature check; invalid tokens are never remembered.
/// </summary>
public sealed class SessionTokens
{
    public const string IssuerAndAudience = "characterfunctions";
    private const string SessionClaim = "sid";
    private const string PlayerClaim = "sub";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Validated tokens remembered; beyond this the least recently used is validated again.</summary>
    public const int CachedTokensMax = 10_000;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly StampedCache<string, SessionTokenClaims> _validated;

    public SessionTokens(IOptions<AuthOptions> options, TimeProvider time)
    {
        var auth = options.Value;
        if (string.IsNullOrEmpty(auth.SessionTokenSecret))
        {
            throw new InvalidOperationException("Auth:SessionTokenSecret is required to sign session tokens.");
        }
        if (auth.TokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Auth:TokenLifetime must be positive.");
        }

        var key = new SymmetricSecurityKey(KeyBytes(auth.SessionTokenSecret));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _time = time;
        _lifetime = auth.TokenLifetime;
        _validated = new StampedCache<string, SessionTokenClaims>(CachedTokensMax, time);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = IssuerAndAudience,
            ValidAudience = IssuerAndAudience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            // Lifetime checked against the injected clock so expiry is testable without waiting.
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires),
        };
    }

    public string Issue(string sessionId, string playerId)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerAndAudience,
            Audience = IssuerAndAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            Claims = new Dictionary<string, object> { [SessionClaim] = sessionId, [PlayerClaim] = playerId },
            SigningCredentials = _credentials,
        });
    }

    /// <summary>The claims of a valid, unexpired token signed with our secret; null for anything else.</summary>
    public SessionTokenClaims? Validate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        if (_validated.TryGet(token, out var remembered))
        {
            // The signature was checked when it was remembered; the clock has moved since.
            if (IsWithinLifetime(null, remembered.ExpiresAt.UtcDateTime))
            {
                return remembered;
            }
            _validated.Invalidate(token);
            return null;
        }

        var stamp = _validated.Begin();
        var claims = ValidateSignedToken(token);
        if (claims is not null)
        {
            _validated.Fill(token, claims, stamp);
        }
        return claims;
    }

    /// <summary>Tokens held by the cache, dropped (expired) ones included: tests check garbage never fills it.</summary>
    internal int CachedTokenCount => _validated.Count;

    private SessionTokenClaims? ValidateSignedToken(string token)
    {
        // Symmetric key, no configuration manager: the async validation completes synchronously.
        var result = _handler.ValidateTokenAsync(token, _validation).GetAwaiter().GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }
        return jwt.TryGetPayloadValue<string>(SessionClaim, out var sessionId) && !string.IsNullOrEmpty(sessionId)
            && jwt.TryGetPayloadValue<string>(PlayerClaim, out var playerId) && !string.IsNullOrEmpty(playerId)
                ? new SessionTokenClaims(sessionId, playerId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
                : null;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + ClockSkew && (notBefore is not { } nbf || nbf <= now + ClockSkew);
    }

    // HS256 wants at least 256 bits of key; a shorter configured secret is stretched with SHA-256.
    private static byte[] KeyBytes(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length >= 32 ? bytes : SHA256.HashData(bytes);
    }
}
