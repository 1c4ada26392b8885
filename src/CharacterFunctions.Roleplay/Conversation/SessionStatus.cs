namespace CharacterFunctions.Roleplay.Conversation;

public enum SessionStatus
{
    Active,
    Ended,
}
