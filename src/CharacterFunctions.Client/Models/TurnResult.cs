namespace CharacterFunctions.Client.Models;

/// <summary>The committed result of a turn: the new messages in order (the player's, then the reply).</summary>
public sealed record TurnResult(string TurnId, IReadOnlyList<Message> Messages, TokenUsage Usage);
