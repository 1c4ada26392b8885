namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>A human participant of a session.</summary>
public sealed record Player(string PlayerId, string Name);
