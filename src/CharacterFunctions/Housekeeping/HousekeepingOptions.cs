namespace CharacterFunctions.Functions.Housekeeping;

/// <summary>
/// Section <c>Housekeeping</c>: how long the task hub keeps finished work. Every nudge, reaction and publish is
/// its own orchestration instance and every session an entity; without these the task hub only grows.
/// </summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = "Housekeeping";

    /// <summary>Completed, failed and terminated orchestrations older than this are purged (hourly).</summary>
    public TimeSpan PurgeAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An ended session's entity is deleted this long after the end (the transcript stays in Table Storage).</summary>
    public TimeSpan EndedSessionGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Null when usable, else what is wrong (checked at start-up).</summary>
    public string? Problem() =>
        PurgeAfter < TimeSpan.FromHours(1)
            ? "Housekeeping__PurgeAfter must be at least 01:00:00 (running orchestrations are never purged, finished ones are kept this long for diagnosis)."
            : EndedSessionGrace < TimeSpan.FromMinutes(1)
                ? "Housekeeping__EndedSessionGrace must be at least 00:01:00 (late signals to an ended session must still find it ended)."
                : null;
}
