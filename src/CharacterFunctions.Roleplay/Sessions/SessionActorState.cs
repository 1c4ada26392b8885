using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// State of the per-session actor (Durable entity in Azure, in-process mailbox locally). JSON
/// serialisable; all times UTC. The actor owns idle timers and pending events, never the transcript.
/// </summary>
public sealed record SessionActorState
{
    public string SessionId { get; init; } = "";
    public bool Started { get; init; }
    public bool Ended { get; init; }
    public IdlePolicy Idle { get; init; } = IdlePolicy.Off;

    /// <summary>Newest committed transcript seq the actor has heard of.</summary>
    public long LastSeq { get; init; }

    /// <summary>Nudges committed since the last player message.</summary>
    public int NudgesInARow { get; init; }

    /// <summary>Stamp of the armed idle timer; a due signal with another generation is stale.</summary>
    public long TimerGeneration { get; init; }

    /// <summary>When the armed timer is due; null when no timer is armed.</summary>
    public DateTimeOffset? IdleDueAt { get; init; }

    /// <summary>Generation of the nudge being generated now (null when none): a nudge is never started twice.</summary>
    public long? NudgeRunning { get; init; }

    /// <summary>When <see cref="NudgeRunning"/> started; past <see cref="SessionReducer.NudgeTimeout"/> it counts as failed.</summary>
    public DateTimeOffset? NudgeStartedAt { get; init; }

    /// <summary>Nudge attempts since the last committed message that committed nothing (bounded, backs off).</summary>
    public int NudgeFailures { get; init; }

    /// <summary>Events held for the next player turn (react: false), oldest first; at most <see cref="SessionReducer.PendingEventLimit"/>.</summary>
    public IReadOnlyList<GameEvent> PendingEvents { get; init; } = [];

    /// <summary>Recently seen event ids (bounded), so a redelivered event has no second effect.</summary>
    public IReadOnlyList<string> SeenEventIds { get; init; } = [];
}
