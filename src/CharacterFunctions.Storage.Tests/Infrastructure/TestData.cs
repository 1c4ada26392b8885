using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>Builders for records used by the contract tests. Times are whole milliseconds, UTC.</summary>
public static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static SessionRecord Session(string? sessionId = null, long lastSeq = 0) => new()
    {
        SessionId = sessionId ?? NewId("s"),
        CharacterIds = ["jiang-rang"],
        Players = [new Player("p-1", "Class Monitor")],
        Idle = new IdlePolicy(30, 1),
        CreatedAt = T0,
        LastSeq = lastSeq,
    };

    public static TranscriptMessage User(long seq, string text = "I'm reading a book.", string? turnId = null) => new()
    {
        Seq = seq,
        Role = MessageRole.User,
        Kind = MessageKind.User,
        Speaker = "Class Monitor",
        SpeakerId = "p-1",
        Text = text,
        CreatedAt = T0.AddSeconds(seq),
        TurnId = turnId,
    };

    public static TranscriptMessage Reply(long seq, string text = "What book?", string? turnId = null) => new()
    {
        Seq = seq,
        Role = MessageRole.Assistant,
        Kind = MessageKind.Reply,
        Speaker = "Jiang Rang",
        SpeakerId = "jiang-rang",
        Text = text,
        CreatedAt = T0.AddSeconds(seq),
        TurnId = turnId,
        Usage = new TokenUsage(120, 12, 100),
        ContextFromSeq = 1,
        Seed = 42,
    };

    public static TranscriptMessage Opening() => new()
    {
        Seq = 1,
        Role = MessageRole.Assistant,
        Kind = MessageKind.Opening,
        Speaker = "Jiang Rang",
        SpeakerId = "jiang-rang",
        Text = "Class monitor, what are you up to?",
        CreatedAt = T0,
    };
}
