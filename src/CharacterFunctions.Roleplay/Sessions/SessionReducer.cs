namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>The session actor as a pure function: (state, operation, now) -> (state, effects).</summary>
public static class SessionReducer
{
    public static SessionDecision Apply(SessionActorState state, SessionOperation operation, DateTimeOffset now) =>
        throw new NotImplementedException($"issue #3 {state} {operation} {now}");
}
