namespace CharacterFunctions.Roleplay.Security;

/// <summary>Who is calling: an operator (function key) or one player of one session (access token).</summary>
public sealed record Caller(bool IsOperator, string? SessionId, string? PlayerId)
{
    public static readonly Caller Operator = new(true, null, null);
    public static Caller Player(string sessionId, string playerId) => new(false, sessionId, playerId);
}
