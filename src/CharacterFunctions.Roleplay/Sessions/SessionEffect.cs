namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>What the host must do after an operation. The reducer itself performs no I/O.</summary>
public abstract record SessionEffect
{
    /// <summary>Deliver <see cref="SessionOperation.IdleDue"/>(<paramref name="Generation"/>) at <paramref name="At"/> (UTC).</summary>
    public sealed record ScheduleIdleCheck(DateTimeOffset At, long Generation) : SessionEffect;

    /// <summary>Ask the model for a continuation; commit only if the transcript still ends at <paramref name="BasedOnSeq"/>.</summary>
    public sealed record GenerateNudge(long BasedOnSeq, long Generation) : SessionEffect;

    /// <summary>Record the event and have the character react to it now.</summary>
    public sealed record GenerateReaction(GameEvent Event) : SessionEffect;

    /// <summary>Publish the committed message (nudge or reaction) to subscribers.</summary>
    public sealed record Publish(long Seq) : SessionEffect;
}
