namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>Why a message exists; serialised lower-case like the contract.</summary>
public enum MessageKind
{
    /// <summary>A character's opening line (assistant).</summary>
    Opening,
    /// <summary>A player's message.</summary>
    User,
    /// <summary>A character answering a player turn.</summary>
    Reply,
    /// <summary>A character speaking again after the players went quiet.</summary>
    Nudge,
    /// <summary>A game event recorded as a supplementary system message.</summary>
    Event,
    /// <summary>A character responding to a game event.</summary>
    Reaction,
}
