namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>The ways a transcript message comes to be: one factory per kind of writer, so every use case builds them alike.</summary>
public sealed partial record TranscriptMessage
{
    public static TranscriptMessage User(long seq, Player player, string text, string? turnId, DateTimeOffset now) => new()
    {
        Seq = seq,
        Role = MessageRole.User,
        Kind = MessageKind.User,
        Speaker = player.Name,
        SpeakerId = player.PlayerId,
        Text = text,
        TurnId = turnId,
        CreatedAt = now,
    };

    /// <summary>A game event as a one-time system message.</summary>
    public static TranscriptMessage Event(long seq, string eventId, string text, string? turnId, DateTimeOffset now) => new()
    {
        Seq = seq,
        Role = MessageRole.System,
        Kind = MessageKind.Event,
        Text = text,
        EventId = eventId,
        TurnId = turnId,
        CreatedAt = now,
    };

    /// <summary>A generated assistant message: the first text is shown, all of them are alternatives when there are several.</summary>
    public static TranscriptMessage Generated(
        long seq, MessageKind kind, string speakerId, string speakerName, IReadOnlyList<string> texts,
        IReadOnlyList<string?> finishReasons, TokenUsage usage, long? contextFromSeq, long? seed, string? turnId, DateTimeOffset now) => new()
    {
        Seq = seq,
        Role = MessageRole.Assistant,
        Kind = kind,
        Speaker = speakerName,
        SpeakerId = speakerId,
        Text = texts[0],
        Alternatives = texts.Count > 1 ? texts : null,
        Selected = texts.Count > 1 ? 0 : null,
        FinishReason = finishReasons.Count > 0 ? finishReasons[0] : null,
        AlternativeFinishReasons = texts.Count > 1 ? finishReasons : null,
        Usage = usage,
        ContextFromSeq = contextFromSeq,
        Seed = seed,
        TurnId = turnId,
        CreatedAt = now,
    };

    /// <summary>
    /// A new session's opening lines, seq 1..k in the order of its characters; characters without an
    /// opening line are skipped.
    /// </summary>
    public static IReadOnlyList<TranscriptMessage> Openings(IEnumerable<(string SpeakerId, string SpeakerName, string? Line)> characters, DateTimeOffset now)
    {
        var openings = new List<TranscriptMessage>();
        foreach (var (speakerId, speakerName, line) in characters)
        {
            if (!string.IsNullOrEmpty(line))
            {
                openings.Add(new TranscriptMessage
                {
                    Seq = openings.Count + 1,
                    Role = MessageRole.Assistant,
                    Kind = MessageKind.Opening,
                    Speaker = speakerName,
                    SpeakerId = speakerId,
                    Text = line,
                    CreatedAt = now,
                });
            }
        }
        return openings;
    }
}
