namespace CharacterFunctions.Roleplay.Security;

/// <summary>What a valid access token proves: its bearer is <paramref name="PlayerId"/> in <paramref name="SessionId"/>.</summary>
public sealed record SessionTokenClaims(string SessionId, string PlayerId, DateTimeOffset ExpiresAt);
