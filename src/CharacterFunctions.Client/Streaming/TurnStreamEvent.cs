using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client.Streaming;

/// <summary>
/// What <see cref="CharacterClient.StreamTurnAsync"/> yields: text deltas while the model writes, then
/// exactly one <see cref="TurnCompleted"/>. The completed result is authoritative: show it in place of
/// the assembled deltas (the server may have had to commit a different text).
/// </summary>
public abstract record TurnStreamEvent;

/// <summary>Text appended to alternative <see cref="Index"/> (0 unless the turn asked for n &gt; 1).</summary>
public sealed record TurnDelta(int Index, string Text) : TurnStreamEvent;

/// <summary>The committed turn: the same as <see cref="CharacterClient.SendTurnAsync(TurnInput, CancellationToken)"/> returns.</summary>
public sealed record TurnCompleted(TurnResult Result) : TurnStreamEvent;
