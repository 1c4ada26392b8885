using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>
/// A message the character writes without a player turn (nudge, event reaction; later continue and
/// one-off generation). <paramref name="BasedOnSeq"/>, when given, drops the work if the transcript
/// moved on; <paramref name="Event"/>, when given, is recorded just before the generated message and
/// its text may name who answers.
/// </summary>
public sealed record UnpromptedRequest(string SessionId, MessageKind Kind, PromptKind Prompt, long? BasedOnSeq = null, GameEvent? Event = null);
