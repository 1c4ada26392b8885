using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>Response of a turn: the new messages in order and the call's usage.</summary>
public sealed record TurnResult(string TurnId, IReadOnlyList<TranscriptMessage> Messages, TokenUsage Usage);
