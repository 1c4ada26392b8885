using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>Behaviour every <see cref="ISessionStore"/> must have; one subclass per store.</summary>
public abstract class SessionStoreContract
{
    protected abstract ISessionStore Store { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<SessionRecord> CreateWithOpeningAsync() =>
        await Store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

    /// <summary>Appends user+reply pairs until the transcript holds <paramref name="lastSeq"/> messages.</summary>
    private async Task<SessionRecord> GrowAsync(SessionRecord head, long lastSeq)
    {
        while (head.LastSeq < lastSeq)
        {
            var count = (int)Math.Min(20, lastSeq - head.LastSeq);
            var appended = Enumerable.Range(1, count)
                .Select(i => head.LastSeq + i)
                .Select(seq => seq % 2 == 0 ? User(seq, $"user {seq}", $"turn-{seq}") : Reply(seq, $"reply {seq}", $"turn-{seq - 1}"))
                .ToArray();
            head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = head.LastSeq + count }, appended), Ct);
        }

        return head;
    }

    [StoreFact]
    public async Task CreateAsync_WithOpeningLine_StoresHeadAndFirstMessage()
    {
        var session = Session(lastSeq: 1) with
        {
            CharacterIds = ["jiang-rang", "ling-lu"],
            Players = [new Player("p-1", "Class Monitor"), new Player("p-2", "小明")],
            Scenario = "A quiet classroom after school.",
            Usage = new TokenUsage(10, 2, 1),
            EstimatedCost = 0.0123m,
            Cursors = new Dictionary<string, CharacterCursor> { ["jiang-rang"] = new(1, 0), ["ling-lu"] = new(3, 2) },
            NextSpeakerIndex = 1,
        };

        var created = await Store.CreateAsync(session, [Opening()], Ct);
        var read = await Store.GetAsync(session.SessionId, Ct);
        var messages = await Store.ReadPageAsync(session.SessionId, 0, 100, Ct);

        Assert.False(string.IsNullOrEmpty(created.Version));
        Assert.NotNull(read);
        Assert.Equal(created.Version, read.Version);
        JsonAssert.Same(session with { Version = "" }, read with { Version = "" });
        JsonAssert.SameSequence([Opening()], messages);
    }

    [StoreFact]
    public async Task CreateAsync_WithoutMessages_StoresEmptyTranscript()
    {
        var created = await Store.CreateAsync(Session(lastSeq: 0), [], Ct);

        Assert.Equal(0, (await Store.GetAsync(created.SessionId, Ct))!.LastSeq);
        Assert.Empty(await Store.ReadPageAsync(created.SessionId, 0, 10, Ct));
    }

    [StoreFact]
    public async Task CreateAsync_ExistingSessionId_ThrowsConcurrencyAndKeepsOriginal()
    {
        var created = await CreateWithOpeningAsync();

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.CreateAsync(Session(created.SessionId, 2) with { Scenario = "other" }, [Opening(), User(2)], Ct));

        var read = await Store.GetAsync(created.SessionId, Ct);
        Assert.Equal(created.Version, read!.Version);
        Assert.Null(read.Scenario);
        Assert.Single(await Store.ReadPageAsync(created.SessionId, 0, 10, Ct));
    }

    [StoreFact]
    public async Task CreateAsync_LastSeqNotMatchingMessages_ThrowsArgument()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateAsync(Session(lastSeq: 2), [Opening()], Ct));
    }

    [StoreFact]
    public async Task GetAsync_UnknownSession_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(NewId("missing"), Ct));
    }

    [StoreFact]
    public async Task CommitAsync_AppendsDenseSeqs_ReturnsHeadWithNewVersion()
    {
        var head = await CreateWithOpeningAsync();
        var updated = head with { LastSeq = 3, Usage = new TokenUsage(120, 12, 100), NextSpeakerIndex = 0 };

        var committed = await Store.CommitAsync(SessionCommit.Append(head, updated, [User(2, turnId: "t-1"), Reply(3, turnId: "t-1")]), Ct);
        var read = await Store.GetAsync(head.SessionId, Ct);

        Assert.NotEqual(head.Version, committed.Version);
        Assert.False(string.IsNullOrEmpty(committed.Version));
        Assert.Equal(committed.Version, read!.Version);
        Assert.Equal(3, read.LastSeq);
        Assert.Equal(new TokenUsage(120, 12, 100), read.Usage);
        JsonAssert.SameSequence([Opening(), User(2, turnId: "t-1"), Reply(3, turnId: "t-1")], await Store.ReadPageAsync(head.SessionId, 0, 10, Ct));
    }

    [StoreFact]
    public async Task CommitAsync_HeadOnly_ChangesVersionAndFields()
    {
        var head = await CreateWithOpeningAsync();

        var ended = await Store.CommitAsync(
            SessionCommit.Append(head, head with { Status = SessionStatus.Ended, EndedAt = T0.AddHours(1) }, []), Ct);
        var read = await Store.GetAsync(head.SessionId, Ct);

        Assert.NotEqual(head.Version, ended.Version);
        Assert.Equal(SessionStatus.Ended, read!.Status);
        Assert.Equal(T0.AddHours(1), read.EndedAt);
    }

    [StoreFact]
    public async Task CommitAsync_ChainedFromReturnedHeads_AllSucceed()
    {
        var head = await CreateWithOpeningAsync();

        for (var seq = 2; seq <= 6; seq++)
        {
            head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = seq }, [User(seq)]), Ct);
        }

        Assert.Equal(6, (await Store.GetAsync(head.SessionId, Ct))!.LastSeq);
        Assert.Equal([1L, 2, 3, 4, 5, 6], (await Store.ReadPageAsync(head.SessionId, 0, 100, Ct)).Select(m => m.Seq));
    }

    [StoreFact]
    public async Task CommitAsync_StaleVersion_ThrowsConcurrencyAndWritesNothing()
    {
        var original = await CreateWithOpeningAsync();
        var winner = await Store.CommitAsync(SessionCommit.Append(original, original with { LastSeq = 2 }, [User(2, "winner")]), Ct);

        // The loser still holds the original head; its seq 2 is taken and its version is stale.
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.CommitAsync(SessionCommit.Append(original, original with { LastSeq = 3, Scenario = "loser" }, [User(2, "loser"), Reply(3, "loser")]), Ct));

        var read = await Store.GetAsync(original.SessionId, Ct);
        Assert.Equal(winner.Version, read!.Version);
        Assert.Equal(2, read.LastSeq);
        Assert.Null(read.Scenario);
        var messages = await Store.ReadPageAsync(original.SessionId, 0, 10, Ct);
        Assert.Equal(["Class monitor, what are you up to?", "winner"], messages.Select(m => m.Text));
    }

    [StoreFact]
    public async Task CommitAsync_StaleVersionWithoutAppends_ThrowsConcurrency()
    {
        var original = await CreateWithOpeningAsync();
        await Store.CommitAsync(SessionCommit.Append(original, original with { NextSpeakerIndex = 1 }, []), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.CommitAsync(SessionCommit.Append(original, original with { Status = SessionStatus.Ended }, []), Ct));

        Assert.Equal(SessionStatus.Active, (await Store.GetAsync(original.SessionId, Ct))!.Status);
    }

    [StoreFact]
    public async Task CommitAsync_TwentyParallelFromSameHead_ExactlyOneWins()
    {
        var head = await CreateWithOpeningAsync();

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            await Task.Yield();
            try
            {
                await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2, $"user {i}"), Reply(3, $"reply {i}")]), Ct);
                return i;
            }
            catch (ConcurrencyException)
            {
                return -1;
            }
        }).ToArray();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r >= 0);
        var messages = await Store.ReadPageAsync(head.SessionId, 0, 100, Ct);
        Assert.Equal([1L, 2, 3], messages.Select(m => m.Seq));
        Assert.Equal($"user {winner}", messages[1].Text);
        Assert.Equal($"reply {winner}", messages[2].Text);
        Assert.Equal(3, (await Store.GetAsync(head.SessionId, Ct))!.LastSeq);
    }

    [StoreFact]
    public async Task CommitAsync_SeqGap_ThrowsArgumentAndWritesNothing()
    {
        var head = await CreateWithOpeningAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(3)]), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2), Reply(4)]), Ct));

        Assert.Equal(head.Version, (await Store.GetAsync(head.SessionId, Ct))!.Version);
        Assert.Single(await Store.ReadPageAsync(head.SessionId, 0, 10, Ct));
    }

    [StoreFact]
    public async Task CommitAsync_UpdatedLastSeqMismatch_ThrowsArgument()
    {
        var head = await CreateWithOpeningAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 5 }, [User(2)]), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CommitAsync(SessionCommit.Append(head, head, [User(2)]), Ct));
    }

    [StoreFact]
    public async Task CommitAsync_ReplacedMessage_UpdatesAlternativesAndSelection()
    {
        var head = await CreateWithOpeningAsync();
        var reply = Reply(3, "first", "t-1") with { Alternatives = ["first"], Selected = 0 };
        head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2, turnId: "t-1"), reply]), Ct);

        var regenerated = reply with { Text = "second", Alternatives = ["first", "second"], Selected = 1, Seed = 7, Usage = new TokenUsage(200, 20, 150) };
        var committed = await Store.CommitAsync(new SessionCommit(head, head with { Usage = new TokenUsage(9, 9, 9) }, [], [regenerated]), Ct);

        Assert.NotEqual(head.Version, committed.Version);
        var stored = Assert.Single(await Store.ReadRangeAsync(head.SessionId, 3, 3, Ct));
        JsonAssert.Same(regenerated, stored);
        JsonAssert.SameSequence([User(2, turnId: "t-1"), regenerated], await Store.FindByTurnAsync(head.SessionId, "t-1", Ct));
        Assert.Equal(new TokenUsage(9, 9, 9), (await Store.GetAsync(head.SessionId, Ct))!.Usage);
    }

    [StoreFact]
    public async Task CommitAsync_AppendAndReplaceTogether_AppliesBoth()
    {
        var head = await CreateWithOpeningAsync();
        head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 2 }, [Reply(2, "a") with { Alternatives = ["a", "b"], Selected = 0 }]), Ct);

        var selected = Reply(2, "b") with { Alternatives = ["a", "b"], Selected = 1 };
        await Store.CommitAsync(new SessionCommit(head, head with { LastSeq = 3 }, [User(3, "next")], [selected]), Ct);

        var messages = await Store.ReadPageAsync(head.SessionId, 1, 10, Ct);
        JsonAssert.SameSequence([selected, User(3, "next")], messages);
    }

    [StoreFact]
    public async Task CommitAsync_ReplacedSeqNotExisting_ThrowsArgumentAndWritesNothing()
    {
        var head = await CreateWithOpeningAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CommitAsync(new SessionCommit(head, head, [], [Reply(5, "ghost")]), Ct));

        Assert.Equal(head.Version, (await Store.GetAsync(head.SessionId, Ct))!.Version);
        Assert.Empty(await Store.ReadRangeAsync(head.SessionId, 5, 5, Ct));
    }

    [StoreFact]
    public async Task ReadRangeAsync_Boundaries_AreInclusiveAndClipped()
    {
        var head = await GrowAsync(await CreateWithOpeningAsync(), 25);
        var id = head.SessionId;

        Assert.Equal([9L, 10, 11], (await Store.ReadRangeAsync(id, 9, 11, Ct)).Select(m => m.Seq));
        Assert.Equal([1L, 2], (await Store.ReadRangeAsync(id, 0, 2, Ct)).Select(m => m.Seq));
        Assert.Equal([24L, 25], (await Store.ReadRangeAsync(id, 24, 1000, Ct)).Select(m => m.Seq));
        Assert.Equal([7L], (await Store.ReadRangeAsync(id, 7, 7, Ct)).Select(m => m.Seq));
        Assert.Empty(await Store.ReadRangeAsync(id, 26, 30, Ct));
        Assert.Empty(await Store.ReadRangeAsync(id, 11, 9, Ct));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), (await Store.ReadRangeAsync(id, 1, 25, Ct)).Select(m => m.Seq));
    }

    [StoreFact]
    public async Task ReadPageAsync_AfterAndLimit_ReturnAscendingPage()
    {
        var head = await GrowAsync(await CreateWithOpeningAsync(), 25);
        var id = head.SessionId;

        Assert.Equal([1L, 2, 3], (await Store.ReadPageAsync(id, 0, 3, Ct)).Select(m => m.Seq));
        Assert.Equal([10L, 11, 12, 13], (await Store.ReadPageAsync(id, 9, 4, Ct)).Select(m => m.Seq));
        Assert.Equal([24L, 25], (await Store.ReadPageAsync(id, 23, 100, Ct)).Select(m => m.Seq));
        Assert.Empty(await Store.ReadPageAsync(id, 25, 100, Ct));
        Assert.Empty(await Store.ReadPageAsync(id, 3, 0, Ct));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), (await Store.ReadPageAsync(id, 0, 1000, Ct)).Select(m => m.Seq));
    }

    [StoreFact]
    public async Task ReadPageAsync_PastNineAndNinetyNine_KeepsNumericOrder()
    {
        // Keys must order numerically (seq 10 after 9, 100 after 99), not as text.
        var head = await GrowAsync(await CreateWithOpeningAsync(), 105);

        Assert.Equal([98L, 99, 100, 101], (await Store.ReadPageAsync(head.SessionId, 97, 4, Ct)).Select(m => m.Seq));
        Assert.Equal([8L, 9, 10, 11], (await Store.ReadRangeAsync(head.SessionId, 8, 11, Ct)).Select(m => m.Seq));
    }

    [StoreFact]
    public async Task ReadAsync_TwoSessions_DoNotSeeEachOther()
    {
        var a = await GrowAsync(await CreateWithOpeningAsync(), 4);
        var b = await CreateWithOpeningAsync();
        b = await Store.CommitAsync(SessionCommit.Append(b, b with { LastSeq = 2 }, [User(2, "only in b", "turn-2")]), Ct);

        Assert.Equal(4, (await Store.ReadPageAsync(a.SessionId, 0, 100, Ct)).Count);
        Assert.Equal(["Class monitor, what are you up to?", "only in b"], (await Store.ReadPageAsync(b.SessionId, 0, 100, Ct)).Select(m => m.Text));
        Assert.Equal(["only in b"], (await Store.FindByTurnAsync(b.SessionId, "turn-2", Ct)).Select(m => m.Text));
        Assert.Empty(await Store.ReadPageAsync(NewId("none"), 0, 100, Ct));
    }

    [StoreFact]
    public async Task FindByTurnAsync_ReturnsThatTurnsMessagesInOrder()
    {
        var head = await CreateWithOpeningAsync();
        const string turnId = "b7e3c1d2/with#odd?chars%2F";
        head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2, turnId: turnId), Reply(3, turnId: turnId)]), Ct);
        head = await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 5 }, [User(4, turnId: "other"), Reply(5, turnId: "other")]), Ct);

        JsonAssert.SameSequence([User(2, turnId: turnId), Reply(3, turnId: turnId)], await Store.FindByTurnAsync(head.SessionId, turnId, Ct));
        Assert.Equal([4L, 5], (await Store.FindByTurnAsync(head.SessionId, "other", Ct)).Select(m => m.Seq));
        Assert.Empty(await Store.FindByTurnAsync(head.SessionId, "never", Ct));
    }

    [StoreFact]
    public async Task Message_EveryField_RoundTrips()
    {
        var head = await CreateWithOpeningAsync();
        var longText = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i:D4}江让😀 ")); // > 40,000 chars with surrogate pairs throughout
        Assert.True(longText.Length > 40_000);
        var full = new TranscriptMessage
        {
            Seq = 2,
            Role = MessageRole.Assistant,
            Kind = MessageKind.Reaction,
            Speaker = "凌路 \"Ling\" Lu",
            SpeakerId = "ling-lu",
            Text = longText,
            CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567),
            Alternatives = [longText, "短い答え 🎲", ""],
            Selected = 0,
            Usage = new TokenUsage(31_000, 512, 30_000),
            TurnId = "turn-ü",
            EventId = "e-42",
            ContextFromSeq = 1,
            Seed = long.MaxValue,
        };
        var eventMessage = new TranscriptMessage
        {
            Seq = 3,
            Role = MessageRole.System,
            Kind = MessageKind.Event,
            Text = "Player enters Level 3\nnewline\ttab \u0001 control",
            CreatedAt = T0,
            EventId = "e-43",
        };

        await Store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [full, eventMessage]), Ct);

        var read = await Store.ReadRangeAsync(head.SessionId, 2, 3, Ct);
        JsonAssert.SameSequence([full, eventMessage], read);
        Assert.Equal(longText, read[0].Text);
        Assert.Equal(full.CreatedAt, read[0].CreatedAt);
        Assert.Null(read[1].Speaker);
    }

    [StoreFact]
    public async Task GetAsync_AfterMarkHeldEventAndACommitNotWritingIt_MayHaveHeldEvents()
    {
        var head = await CreateWithOpeningAsync();

        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);
        await Store.CommitAsync(SessionCommit.Append(planned!, planned! with { LastSeq = 2 }, [User(2)]), Ct);

        Assert.True((await Store.GetAsync(head.SessionId, Ct))!.MayHaveHeldEvents);
    }

    [StoreFact]
    public async Task CommitAsync_WritingAMarkedAndAnUnmarkedEvent_CommitsBothAndKeepsNoMarkOfThem()
    {
        var head = await CreateWithOpeningAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);
        TranscriptMessage[] events =
        [
            TranscriptMessage.Event(2, "e-1", "Player enters Level 3", "t-1", T0),
            TranscriptMessage.Event(3, "r-1", "The school bell rings.", "t-1", T0),
        ];

        await Store.CommitAsync(SessionCommit.Append(planned!, planned! with { LastSeq = 3 }, events), Ct);

        // Stores that track marks list none of them; the others say "maybe" (null).
        Assert.DoesNotContain("e-1", (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks ?? new HashSet<string>());
        JsonAssert.SameSequence(events, await Store.ReadRangeAsync(head.SessionId, 2, 3, Ct));
    }
}
