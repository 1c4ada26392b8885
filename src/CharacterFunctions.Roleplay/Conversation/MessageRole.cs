namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>Transcript roles; serialised lower-case like the contract.</summary>
public enum MessageRole
{
    User,
    Assistant,
    System,
}
