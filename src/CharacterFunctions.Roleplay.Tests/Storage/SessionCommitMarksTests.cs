using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Tests.Storage;

/// <summary>Which held-event marks a commit makes obsolete: those read with its expected head whose event it writes.</summary>
public sealed class SessionCommitMarksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly SessionRecord Head = new()
    {
        SessionId = "s-1",
        CharacterIds = ["jiang-rang"],
        Players = [new Player("p-1", "Monitor")],
        CreatedAt = T0,
        LastSeq = 1,
        Version = "v1",
    };

    private static SessionCommit Writing(IReadOnlySet<string>? marks, params string[] eventIds)
    {
        var expected = Head with { HeldEventMarks = marks };
        var appended = eventIds.Select((id, i) => TranscriptMessage.Event(2 + i, id, "An event", "t-1", T0)).ToList();
        appended.Add(TranscriptMessage.User(2 + eventIds.Length, new Player("p-1", "Monitor"), "hi", "t-1", T0));
        return SessionCommit.Append(expected, expected with { LastSeq = 1 + appended.Count }, appended);
    }

    [Fact]
    public void HeldEventMarksWritten_MarkedAndUnmarkedEvents_ListsOnlyTheMarkedOnesInWriteOrder()
    {
        var commit = Writing(new HashSet<string> { "e-3", "e-1", "e-not-written" }, "e-1", "e-2", "e-3");

        Assert.Equal(["e-1", "e-3"], commit.HeldEventMarksWritten);
    }

    [Fact]
    public void HeldEventMarksWritten_HeadReadWithoutMarks_IsEmpty()
    {
        var commit = Writing(null, "e-1");

        Assert.Empty(commit.HeldEventMarksWritten);
    }

    [Fact]
    public void HeldEventMarksWritten_NoEventWritten_IsEmpty()
    {
        var commit = Writing(new HashSet<string> { "e-1" });

        Assert.Empty(commit.HeldEventMarksWritten);
    }
}
