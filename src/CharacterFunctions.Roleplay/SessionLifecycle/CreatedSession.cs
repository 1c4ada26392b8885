using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>Result of creating a session: its id, one access token per player id, and the opening messages.</summary>
public sealed record CreatedSession(
    string SessionId,
    IReadOnlyDictionary<string, string> AccessTokens,
    IReadOnlyList<TranscriptMessage> Messages);
