using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>
/// The durable head of a session. Every transcript commit also rewrites this record under optimistic
/// concurrency (<see cref="Version"/>), which is what makes appends conditional and seqs dense.
/// </summary>
public sealed record SessionRecord
{
    public required string SessionId { get; init; }
    public required IReadOnlyList<string> CharacterIds { get; init; }
    public required IReadOnlyList<Player> Players { get; init; }
    public string? Scenario { get; init; }

    /// <summary>
    /// Provider long-term memory key (sent as the session header on memory calls), so memory outlives the
    /// session. Null for sessions created before it existed: they keep the per-session key.
    /// </summary>
    public string? MemoryKey { get; init; }
    public IdlePolicy Idle { get; init; } = IdlePolicy.Off;
    public SessionStatus Status { get; init; } = SessionStatus.Active;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Seq of the newest committed message; 0 when the transcript is empty.</summary>
    public long LastSeq { get; init; }

    public TokenUsage Usage { get; init; } = TokenUsage.Zero;
    public decimal EstimatedCost { get; init; }
    public string Currency { get; init; } = "CNY";

    /// <summary>Keyed by character id.</summary>
    public IReadOnlyDictionary<string, CharacterCursor> Cursors { get; init; } = new Dictionary<string, CharacterCursor>();

    /// <summary>Index into <see cref="CharacterIds"/> of the next character to speak by rotation.</summary>
    public int NextSpeakerIndex { get; init; }

    /// <summary>Store-assigned concurrency token; empty before the first write.</summary>
    public string Version { get; init; } = "";

    /// <summary>
    /// Read by the store with the head, never written with it: the ids of the game events marked as held for
    /// this session and not yet written to the transcript (<see cref="Storage.ISessionStore.MarkHeldEventAsync"/>).
    /// Empty when the store knows none is held, so a turn can skip asking the session actor for pending
    /// events; null ("maybe") wherever the store does not know (it does not track marks, a session from before
    /// it did, or a head that was not read together with its marks).
    /// </summary>
    [JsonIgnore]
    public IReadOnlySet<string>? HeldEventMarks { get; init; }

    /// <summary>False only when the store knows no game event is held (derived from <see cref="HeldEventMarks"/>).</summary>
    [JsonIgnore]
    public bool MayHaveHeldEvents => HeldEventMarks is not { Count: 0 };

    public bool IsGroup => CharacterIds.Count > 1 || Players.Count > 1;
}
