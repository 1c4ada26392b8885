namespace CharacterFunctions.Client.Models;

/// <summary>201 of POST /api/sessions: the id, one access token per player id, and the first messages (the opening line).</summary>
public sealed record CreatedSession(string SessionId, IReadOnlyDictionary<string, string> AccessTokens, IReadOnlyList<Message> Messages);
