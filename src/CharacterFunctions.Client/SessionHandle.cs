using System.Text;
using System.Text.Json;

namespace CharacterFunctions.Client;

/// <summary>
/// What a player holds: the access token the game server got when it created the session, plus the
/// session and player it names. The claims are read, not verified: the server verifies every call.
/// </summary>
public sealed record SessionHandle(string SessionId, string PlayerId, string AccessToken, DateTimeOffset? ExpiresAt)
{
    /// <summary>Reads <c>sid</c> (session), <c>sub</c> (player) and <c>exp</c> from a session access token.</summary>
    /// <exception cref="ArgumentException">The text is not a session access token.</exception>
    public static SessionHandle FromAccessToken(string accessToken)
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new ArgumentException("An access token is required.", nameof(accessToken));
        }
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException("The access token is not a JWT (three dot-separated parts).", nameof(accessToken));
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = payload.RootElement;
            var sessionId = root.TryGetProperty("sid", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null;
            var playerId = root.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
            if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(playerId))
            {
                throw new ArgumentException("The access token names no session (sid) or player (sub).", nameof(accessToken));
            }
            DateTimeOffset? expires = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
            return new SessionHandle(sessionId!, playerId!, accessToken, expires);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ArgumentException("The access token's payload is not readable.", nameof(accessToken), e);
        }
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = new StringBuilder(text.Replace('-', '+').Replace('_', '/'));
        while (base64.Length % 4 != 0)
        {
            base64.Append('=');
        }
        return Convert.FromBase64String(base64.ToString());
    }

    /// <summary>Never prints the token itself.</summary>
    public override string ToString() => $"SessionHandle {{ SessionId = {SessionId}, PlayerId = {PlayerId}, ExpiresAt = {ExpiresAt:O} }}";
}
