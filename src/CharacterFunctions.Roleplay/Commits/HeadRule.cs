namespace CharacterFunctions.Roleplay.Commits;

/// <summary>Which session heads a commit may start from, and whether it queues behind the session lock.</summary>
public enum HeadRule
{
    /// <summary>An ended session answers 410; the commit waits for the session lock (turns, selections, nudges, reactions).</summary>
    MustBeActive,

    /// <summary>
    /// Any head, handed to the plan as it is, without the session lock: ending must not wait for a turn
    /// in flight (that turn's commit then loses the race and answers 410).
    /// </summary>
    Ending,
}
