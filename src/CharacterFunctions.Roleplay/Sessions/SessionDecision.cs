namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>The reducer's answer: the next state, the effects to run, and whether the operation did anything.</summary>
public sealed record SessionDecision(SessionActorState State, IReadOnlyList<SessionEffect> Effects, bool Applied);
