namespace CharacterFunctions.Roleplay.Events;

/// <summary>What <see cref="GameEventIntake"/> did with an event (invalid events throw instead).</summary>
public enum EventDisposition
{
    /// <summary>Handed to the session actor: held as pending or reacted to.</summary>
    Accepted,
    /// <summary>The event id was already seen or is pending: no second effect.</summary>
    Duplicate,
    /// <summary>The session has ended: dropped.</summary>
    SessionEnded,
    /// <summary>No such session (dead-letter in Azure, 404 locally).</summary>
    UnknownSession,
}
