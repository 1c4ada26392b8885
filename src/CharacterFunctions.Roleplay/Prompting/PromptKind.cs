namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>What the model is asked to do.</summary>
public enum PromptKind
{
    /// <summary>Answer a player's new message (events pending before it).</summary>
    Turn,
    /// <summary>Continue after silence: trailing partial "Name:" assistant message.</summary>
    IdleContinuation,
    /// <summary>React to a game event just recorded: trailing partial "Name:" assistant message.</summary>
    EventReaction,
    /// <summary>Continue a reply cut off by the output limit: the reply itself is the trailing partial assistant message.</summary>
    Continuation,
}
