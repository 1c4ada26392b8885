using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>What can happen to a session actor. Each is applied by <see cref="SessionReducer"/>.</summary>
public abstract record SessionOperation
{
    /// <summary>The session was created; <paramref name="LastSeq"/> is its newest message (opening line or 0).</summary>
    public sealed record Start(string SessionId, IdlePolicy Idle, long LastSeq) : SessionOperation;

    /// <summary>A message was committed to the transcript.</summary>
    public sealed record Activity(long Seq, MessageKind Kind) : SessionOperation;

    /// <summary>A game event arrived.</summary>
    public sealed record AddEvent(GameEvent Event) : SessionOperation;

    /// <summary>Pending events were written into the transcript by a turn.</summary>
    public sealed record EventsConsumed(IReadOnlyList<string> EventIds) : SessionOperation;

    /// <summary>A reaction could not be generated; keep the event for the next turn instead of losing it.</summary>
    public sealed record ReactionFailed(GameEvent Event) : SessionOperation;

    /// <summary>The nudge started for <paramref name="Generation"/> committed nothing (dropped or failed).</summary>
    public sealed record NudgeFailed(long Generation) : SessionOperation;

    /// <summary>An idle timer fired.</summary>
    public sealed record IdleDue(long Generation) : SessionOperation;

    /// <summary>The session ended: timers stop, events are dropped.</summary>
    public sealed record End : SessionOperation;
}
