using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class TurnServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task PostTurnAsync_SameTurnIdRetried_ReturnsSameResultWithOneModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var first = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);
        var again = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal(first.TurnId, again.TurnId);
        Assert.Equal(first.Messages.Select(m => (m.Seq, m.Text)), again.Messages.Select(m => (m.Seq, m.Text)));
        Assert.Equal(3, h.Sessions.All(s.SessionId).Count);
    }

    [Fact]
    public async Task PostTurnAsync_ActorsTakeBatches_SendsUserAndReplyActivityAsOneOrderedBatch()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync(new IdleDefinition { AfterSeconds = 30 });
        var actors = new BatchingSessionActors();
        var turns = h.TurnsWith(actors: actors);

        var result = await turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);

        var batch = Assert.Single(actors.Batches);
        Assert.Equal(
            [new SessionOperation.Activity(result.Messages[0].Seq, MessageKind.User), new SessionOperation.Activity(result.Messages[1].Seq, MessageKind.Reply)],
            batch);
        Assert.Empty(actors.Single);
    }

    [Fact]
    public async Task PostTurnAsync_TurnIdInHeaderOnly_IsIdempotentToo()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello"), "key-1", None);
        var again = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "key-1"), "key-1", None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal("key-1", again.TurnId);
    }

    [Fact]
    public async Task PostTurnAsync_SameTurnIdDifferentBody_Throws422()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Something else", "t-1"), null, None));

        Assert.Equal(ProblemKind.Unprocessable, error.Kind);
        Assert.Single(h.ChatModel.Calls);
    }

    [Fact]
    public async Task PostTurnAsync_BodyAndHeaderTurnIdsDiffer_ThrowsValidation()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), "t-2", None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("turnId", error.Errors!.Keys);
    }

    [Fact]
    public async Task PostTurnAsync_TurnInFlight_Throws409WithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        h.Idempotency.Put(LiveClaim(h, s.SessionId, hash, owner: "another-instance"));

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None));

        Assert.Equal(ProblemKind.Conflict, error.Kind);
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task PostTurnAsync_OwnClaimLeaseAlive_Throws409WithoutModelCall()
    {
        var h = new RoleplayHarness();
        h.LeaseOptions.SoleOwner = true;
        var s = await h.OneToOneAsync();
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        h.Idempotency.Put(LiveClaim(h, s.SessionId, hash, owner: h.Lease.OwnerId));

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None));

        Assert.Equal(ProblemKind.Conflict, error.Kind);
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task PostTurnAsync_SoleOwnerAndClaimOfEarlierProcess_TakesOverAtOnce()
    {
        var h = new RoleplayHarness();
        h.LeaseOptions.SoleOwner = true;
        var s = await h.OneToOneAsync();
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        // Left by a killed process: its lease has seconds to run, but no process of that id is alive.
        h.Idempotency.Put(LiveClaim(h, s.SessionId, hash, owner: "killed-process"));

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal([2L, 3L], result.Messages.Select(m => m.Seq));
        Assert.Equal(IdempotencyStatus.Completed, (await h.Idempotency.GetAsync(s.SessionId, "t-1", None))!.Status);
    }

    [Fact]
    public async Task PostTurnAsync_ForeignClaimLeaseExpired_TakesOverWithoutWaitingMinutes()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        h.Idempotency.Put(LiveClaim(h, s.SessionId, hash, owner: "dead-instance"));
        h.Time.Advance(h.LeaseOptions.Lease + TimeSpan.FromMilliseconds(1));

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal([2L, 3L], result.Messages.Select(m => m.Seq));
    }

    private static IdempotencyRecord LiveClaim(RoleplayHarness h, string sessionId, string hash, string owner) =>
        new(sessionId, "t-1", hash, IdempotencyStatus.InFlight, null, h.Time.GetUtcNow().AddSeconds(-2))
        {
            Owner = owner,
            LeaseUntil = h.Time.GetUtcNow().AddSeconds(8),
        };

    [Fact]
    public async Task PostTurnAsync_StaleInFlightWithCommittedMessages_RecoversWithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var first = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);
        // Simulate a worker that committed but died before recording the result.
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        h.Idempotency.Put(new IdempotencyRecord(s.SessionId, "t-1", hash, IdempotencyStatus.InFlight, null, h.Time.GetUtcNow()));
        h.Time.Advance(TimeSpan.FromMinutes(3));

        var recovered = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal(first.Messages.Select(m => m.Seq), recovered.Messages.Select(m => m.Seq));
        Assert.Equal(first.Messages[^1].Text, recovered.Messages[^1].Text);
        Assert.Equal(IdempotencyStatus.Completed, (await h.Idempotency.GetAsync(s.SessionId, "t-1", None))!.Status);
    }

    [Fact]
    public async Task PostTurnAsync_StaleInFlightWithoutMessages_ReclaimsAndRuns()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var hash = TurnRequestHash.Compute(Say("Hello", "t-1"), "p-1");
        h.Idempotency.Put(new IdempotencyRecord(s.SessionId, "t-1", hash, IdempotencyStatus.InFlight, null, h.Time.GetUtcNow()));
        h.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal([2L, 3L], result.Messages.Select(m => m.Seq));
    }

    [Theory]
    [InlineData(ModelFailureKind.BadRequest, ProblemKind.Unprocessable)]
    [InlineData(ModelFailureKind.RateLimited, ProblemKind.Unavailable)]
    [InlineData(ModelFailureKind.QuotaExhausted, ProblemKind.Unavailable)]
    [InlineData(ModelFailureKind.Unavailable, ProblemKind.BadGateway)]
    [InlineData(ModelFailureKind.Unauthorized, ProblemKind.BadGateway)]
    [InlineData(ModelFailureKind.InvalidResponse, ProblemKind.BadGateway)]
    [InlineData(ModelFailureKind.Timeout, ProblemKind.GatewayTimeout)]
    public async Task PostTurnAsync_ModelFails_WritesNothingReleasesClaimAndRetrySucceeds(ModelFailureKind failure, ProblemKind expected)
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(failure, "data_inspection_failed");

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello there", "t-1"), null, None));

        Assert.Equal(expected, error.Kind);
        Assert.DoesNotContain("Hello there", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("provider said", error.Detail, StringComparison.Ordinal);
        Assert.Single(h.Sessions.All(s.SessionId)); // only the opening line
        Assert.Null(await h.Idempotency.GetAsync(s.SessionId, "t-1", None));

        var retry = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Hello there", "t-1"), null, None);
        Assert.Equal([2L, 3L], retry.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task PostTurnAsync_RateLimited_CarriesRetryAfterAndProviderCodeOn422()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.RateLimited).ThenFail(ModelFailureKind.BadRequest, "data_inspection_failed");

        var limited = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("a"), null, None));
        var rejected = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("a"), null, None));

        Assert.Equal(TimeSpan.FromSeconds(5), limited.RetryAfter);
        Assert.Equal("data_inspection_failed", rejected.Code);
    }

    [Fact]
    public async Task PostTurnAsync_PendingEvents_InsertedBeforeUserMessageAndConsumed()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.Actors.SetState(new SessionActorState
        {
            SessionId = s.SessionId,
            Started = true,
            PendingEvents = [new GameEvent("e-1", s.SessionId, "Player enters Level 3", false), new GameEvent("e-2", s.SessionId, "It rains", false)],
        });

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Where am I?", "t-1"), null, None);

        Assert.Equal(
            [(2L, MessageKind.Event, "e-1"), (3L, MessageKind.Event, "e-2"), (4L, MessageKind.User, null), (5L, MessageKind.Reply, null)],
            result.Messages.Select(m => (m.Seq, m.Kind, m.EventId)));
        Assert.All(result.Messages, m => Assert.Equal("t-1", m.TurnId));
        Assert.Equal(MessageRole.System, result.Messages[0].Role);
        var sent = h.ChatModel.Calls.Single().Body.Messages;
        var eventIndex = sent.ToList().FindIndex(m => m.Role == "system" && m.Content.Contains("Player enters Level 3", StringComparison.Ordinal));
        var userIndex = sent.ToList().FindIndex(m => m.Role == "user" && m.Content.Contains("Where am I?", StringComparison.Ordinal));
        Assert.True(eventIndex > 0 && eventIndex < userIndex, "the event goes right before the player's message");
        var consumed = Assert.Single(h.Actors.SentTo(s.SessionId).OfType<SessionOperation.EventsConsumed>());
        Assert.Equal(["e-1", "e-2"], consumed.EventIds);
    }

    [Fact]
    public async Task PostTurnAsync_ReplyFalse_CommitsUserMessageOnlyWithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, PendingEvents = [new GameEvent("e-1", s.SessionId, "x", false)] });

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("just chatting") with { Reply = false }, null, None);

        Assert.Empty(h.ChatModel.Calls);
        var only = Assert.Single(result.Messages);
        Assert.Equal((1L, MessageKind.User, "Monitor", "p-1"), (only.Seq, only.Kind, only.Speaker, only.SpeakerId));
        // No idle policy: the actor needs to hear nothing of a player's line, and the events stay pending.
        Assert.DoesNotContain(h.Actors.SentTo(s.SessionId), o => o is SessionOperation.EventsConsumed or SessionOperation.Activity);
    }

    [Fact]
    public async Task PostTurnAsync_SessionWithoutIdlePolicy_SendsTheActorNothing()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var startOps = h.Actors.SentTo(s.SessionId).Count;

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);

        Assert.Equal(startOps, h.Actors.SentTo(s.SessionId).Count);
    }

    [Fact]
    public async Task PostTurnAsync_SessionWithIdlePolicy_ReportsUserAndReplyActivity()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync(new IdleDefinition { AfterSeconds = 30 });

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);

        var sent = h.Actors.SentTo(s.SessionId);
        Assert.Contains(new SessionOperation.Activity(result.Messages[0].Seq, MessageKind.User), sent);
        Assert.Contains(new SessionOperation.Activity(result.Messages[1].Seq, MessageKind.Reply), sent);
    }

    [Fact]
    public async Task PostTurnAsync_RespondAs_ThatCharacterAnswers()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Jiang Rang, hi") with { RespondAs = "xu-wei" }, null, None);

        Assert.Equal(("xu-wei", "Xu Wei"), (result.Messages[^1].SpeakerId, result.Messages[^1].Speaker));
    }

    [Fact]
    public async Task PostTurnAsync_RespondAsNotInSession_ThrowsValidation()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi") with { RespondAs = "nobody" }, null, None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("respondAs", error.Errors!.Keys);
    }

    [Fact]
    public async Task PostTurnAsync_NamesInText_EarliestNamedCharacterAnswers()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hey xu wei, tell ling lu to wait"), null, None);

        Assert.Equal("xu-wei", result.Messages[^1].SpeakerId);
    }

    [Fact]
    public async Task PostTurnAsync_NoNameNoRespondAs_RotatesThroughCharacters()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var speakers = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say($"anyone? {i}"), null, None);
            speakers.Add(result.Messages[^1].SpeakerId);
        }

        Assert.Equal(["ling-lu", "jiang-rang", "xu-wei", "ling-lu"], speakers);
    }

    [Fact]
    public async Task PostTurnAsync_GroupReplyEchoesName_StoredWithoutPrefix()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();
        h.ChatModel.ThenReply("  Ling Lu: I'm here.");

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hello") with { RespondAs = "ling-lu" }, null, None);

        Assert.Equal("I'm here.", result.Messages[^1].Text);
    }

    [Fact]
    public async Task PostTurnAsync_NTwo_StoresAlternativesSelectsFirstAndSumsUsage()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("first", "second");

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi") with { Options = new TurnOptions { N = 2, Seed = 123321 } }, null, None);

        var reply = result.Messages[^1];
        Assert.Equal(["first", "second"], reply.Alternatives!);
        Assert.Equal((0, "first"), (reply.Selected, reply.Text));
        Assert.Equal(2, h.ChatModel.Calls.Single().Body.N);
        Assert.Equal(123321, reply.Seed);
        var head = (await h.Sessions.GetAsync(s.SessionId, None))!;
        Assert.Equal(FakeChatModel.Usage, head.Usage);
        Assert.Equal(3, head.LastSeq);
    }

    [Fact]
    public async Task PostTurnAsync_OptionsOutOfRange_ThrowsValidationWithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi") with { Options = new TurnOptions { N = 5 } }, null, None));

        Assert.Contains("options.n", error.Errors!.Keys);
        Assert.Empty(h.ChatModel.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task PostTurnAsync_EmptyText_ThrowsValidation(string text)
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync(s.SessionId, Player(s), Say(text), null, None));

        Assert.Contains("text", error.Errors!.Keys);
    }

    [Fact]
    public async Task PostTurnAsync_TokenOfAnotherSession_ThrowsForbidden()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Caller.Player("other-session", "p-1"), Say("hi"), null, None));

        Assert.Equal(ProblemKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task PostTurnAsync_PlayerNamesAnotherPlayer_ThrowsValidation()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s, "p-1"), Say("hi") with { PlayerId = "p-2" }, null, None));

        Assert.Contains("playerId", error.Errors!.Keys);
    }

    [Fact]
    public async Task PostTurnAsync_OperatorInGroupWithoutPlayerId_ThrowsValidation_WithPlayerIdSpeaksAsThatPlayer()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync(s.SessionId, Caller.Operator, Say("hi"), null, None));
        var result = await h.Turns.PostTurnAsync(s.SessionId, Caller.Operator, Say("hi") with { PlayerId = "p-2", Reply = false }, null, None);

        Assert.Contains("playerId", error.Errors!.Keys);
        Assert.Equal(("p-2", "Deskmate"), (result.Messages[0].SpeakerId, result.Messages[0].Speaker));
    }

    [Fact]
    public async Task PostTurnAsync_OperatorInOneToOne_SpeaksAsTheOnlyPlayer()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var result = await h.Turns.PostTurnAsync(s.SessionId, Caller.Operator, Say("hi"), null, None);

        Assert.Equal("p-1", result.Messages[0].SpeakerId);
    }

    [Fact]
    public async Task PostTurnAsync_UnknownSession_ThrowsNotFound_EndedSession_ThrowsGone()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.SessionService.EndAsync(s.SessionId, Caller.Operator, None);

        var missing = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync("nope", Caller.Operator, Say("hi"), null, None));
        var gone = await Assert.ThrowsAsync<RoleplayException>(() => h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-9"), null, None));

        Assert.Equal(ProblemKind.NotFound, missing.Kind);
        Assert.Equal(ProblemKind.Gone, gone.Kind);
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task PostTurnAsync_CommitLosesToANudge_RebuildsAndCommitsAfterIt()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var interfered = false;
        h.Sessions.BeforeCommit = async commit =>
        {
            if (!interfered && commit.Appended.Any(m => m.Kind == MessageKind.User))
            {
                interfered = true;
                h.Sessions.BeforeCommit = null;
                Assert.NotNull(await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None));
            }
        };

        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal([3L, 4L], result.Messages.Select(m => m.Seq));
        Assert.Equal(
            [MessageKind.Opening, MessageKind.Nudge, MessageKind.User, MessageKind.Reply],
            h.Sessions.All(s.SessionId).Select(m => m.Kind));
        Assert.Equal(3, h.ChatModel.Calls.Count); // turn, nudge, rebuilt turn
    }

    [Fact]
    public async Task PostTurnAsync_TwentyConcurrentWithoutLock_DenseUniqueAndEachCommittedOrConflict()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Id: $"t-{i}", Result: (TurnResult?)await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say($"message {i}", $"t-{i}"), null, None), Error: (RoleplayException?)null);
            }
            catch (RoleplayException e)
            {
                return (Id: $"t-{i}", Result: null, Error: e);
            }
        })));

        var all = h.Sessions.All(s.SessionId);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(m => m.Seq));
        var committed = outcomes.Where(o => o.Result is not null).ToList();
        Assert.NotEmpty(committed);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(ProblemKind.Conflict, o.Error!.Kind));
        foreach (var (id, result, _) in outcomes)
        {
            var written = all.Where(m => m.TurnId == id).ToList();
            if (result is null)
            {
                Assert.Empty(written);
            }
            else
            {
                Assert.Equal(result.Messages.Select(m => m.Seq), written.Select(m => m.Seq));
                Assert.Equal([MessageKind.User, MessageKind.Reply], written.Select(m => m.Kind));
            }
        }
        Assert.Equal(1 + (2 * committed.Count), all.Count);
    }

    [Fact]
    public async Task StreamTurnAsync_Answer_YieldsDeltasThenCommittedResult()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("I am reading too");

        var items = new List<TurnStreamItem>();
        await foreach (var item in h.Turns.StreamTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None))
        {
            items.Add(item);
        }

        var deltas = items.OfType<TurnStreamItem.Delta>().ToList();
        Assert.True(deltas.Count > 1);
        Assert.Equal("I am reading too", string.Concat(deltas.Select(d => d.Text)).Trim());
        var done = Assert.IsType<TurnStreamItem.Done>(items[^1]);
        Assert.Equal("I am reading too", done.Result.Messages[^1].Text);
        Assert.Equal(3, h.Sessions.All(s.SessionId).Count);
    }

    [Fact]
    public async Task StreamTurnAsync_ModelFails_ThrowsMappedProblemAndWritesNothing()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.Timeout);

        var error = await Assert.ThrowsAsync<RoleplayException>(async () =>
        {
            await foreach (var _ in h.Turns.StreamTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None))
            {
            }
        });

        Assert.Equal(ProblemKind.GatewayTimeout, error.Kind);
        Assert.Single(h.Sessions.All(s.SessionId));
    }

    [Fact]
    public async Task RegenerateAsync_LatestReply_SendsIdenticalMessagesWithNewSeedAndSelectsNewAlternative()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("original").ThenReply("again");
        var turn = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi") with { Options = new TurnOptions { Seed = 42 } }, null, None);

        var regenerated = await h.Alternatives.RegenerateAsync(s.SessionId, Player(s), null, None);

        var (original, repeat) = (h.ChatModel.Calls[0].Body, h.ChatModel.Calls[1].Body);
        Assert.Equal(original.Messages, repeat.Messages);
        Assert.NotEqual(original.Seed, repeat.Seed);
        Assert.NotNull(repeat.Seed);
        Assert.Equal(turn.Messages[^1].Seq, regenerated.Seq);
        Assert.Equal(["original", "again"], regenerated.Alternatives!);
        Assert.Equal((1, "again"), (regenerated.Selected, regenerated.Text));
        Assert.Equal("again", h.Sessions.All(s.SessionId)[^1].Text);
        Assert.Equal(FakeChatModel.Usage.Add(FakeChatModel.Usage), (await h.Sessions.GetAsync(s.SessionId, None))!.Usage);
    }

    [Fact]
    public async Task RegenerateAsync_GivenSeed_UsesIt()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi"), null, None);

        await h.Alternatives.RegenerateAsync(s.SessionId, Player(s), 777, None);

        Assert.Equal(777, h.ChatModel.Calls[^1].Body.Seed);
        Assert.Equal(1, h.ChatModel.Calls[^1].Body.N ?? 1);
    }

    [Fact]
    public async Task RegenerateAsync_OnlyOpeningLine_ThrowsConflict()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Alternatives.RegenerateAsync(s.SessionId, Player(s), null, None));

        Assert.Equal(ProblemKind.Conflict, error.Kind);
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task SelectAsync_AlternativeOfLatest_UpdatesTextAndLaterPromptsUseIt()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("alpha reply", "beta reply");
        var turn = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi") with { Options = new TurnOptions { N = 2 } }, null, None);

        var selected = await h.Alternatives.SelectAsync(s.SessionId, Player(s), turn.Messages[^1].Seq, 1, None);
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("and then?"), null, None);

        Assert.Equal((1, "beta reply"), (selected.Selected, selected.Text));
        var next = h.ChatModel.Calls[^1].Body.Messages;
        Assert.Contains(next, m => m.Role == "assistant" && m.Content.Contains("beta reply", StringComparison.Ordinal));
        Assert.DoesNotContain(next, m => m.Content.Contains("alpha reply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SelectAsync_NotTheLatestAssistantMessage_ThrowsConflict()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("a", "b").ThenReply("c", "d");
        var first = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("one") with { Options = new TurnOptions { N = 2 } }, null, None);
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("two") with { Options = new TurnOptions { N = 2 } }, null, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Alternatives.SelectAsync(s.SessionId, Player(s), first.Messages[^1].Seq, 1, None));

        Assert.Equal(ProblemKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task SelectAsync_IndexOutOfRange_ThrowsValidation()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("a", "b");
        var turn = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("one") with { Options = new TurnOptions { N = 2 } }, null, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Alternatives.SelectAsync(s.SessionId, Player(s), turn.Messages[^1].Seq, 2, None));

        Assert.Contains("index", error.Errors!.Keys);
    }

    [Fact]
    public async Task PostTurnAsync_TwentyConcurrentWithSessionLock_AllCommitInSomeOrder()
    {
        var h = new RoleplayHarness { Lock = new SemaphoreSessionLock() };
        var s = await h.OneToOneAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            h.Turns.PostTurnAsync(s.SessionId, Player(s), Say($"message {i}", $"t-{i}"), null, None))));

        var all = h.Sessions.All(s.SessionId);
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), all.Select(m => m.Seq));
        Assert.Equal(20, results.Select(r => r.TurnId).Distinct().Count());
        Assert.Equal(20, h.ChatModel.Calls.Count);
    }

    [Fact]
    public async Task PostTurnAsync_PendingEventAlreadyWrittenByEarlierTurn_NotRecordedTwice()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        // The actor has not applied EventsConsumed yet: it still lists the event after the first turn.
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, PendingEvents = [new GameEvent("e-1", s.SessionId, "It rains", false)] });

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("one"), null, None);
        var second = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("two"), null, None);

        Assert.Equal([MessageKind.User, MessageKind.Reply], second.Messages.Select(m => m.Kind));
        Assert.Single(h.Sessions.All(s.SessionId), m => m.EventId == "e-1");
    }

    [Fact]
    public async Task StreamTurnAsync_RetriedTurnId_YieldsOnlyTheRecordedResult()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var first = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        var items = new List<TurnStreamItem>();
        await foreach (var item in h.Turns.StreamTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None))
        {
            items.Add(item);
        }

        var done = Assert.IsType<TurnStreamItem.Done>(Assert.Single(items));
        Assert.Equal(first.Messages.Select(m => m.Text), done.Result.Messages.Select(m => m.Text));
        Assert.Single(h.ChatModel.Calls);
    }

    [Fact]
    public async Task RegenerateAsync_LatestIsNudge_RebuildsAsContinuationWithSameMessages()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var nudge = await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None);

        var regenerated = await h.Alternatives.RegenerateAsync(s.SessionId, Player(s), null, None);

        Assert.Equal((nudge!.Seq, MessageKind.Nudge), (regenerated.Seq, regenerated.Kind));
        Assert.Equal(h.ChatModel.Calls[0].Body.Messages, h.ChatModel.Calls[1].Body.Messages);
        Assert.True(h.ChatModel.Calls[1].Body.Messages[^1].Partial);
    }

    [Fact]
    public async Task RegenerateAsync_GroupWithoutOpeningLines_SendsIdenticalMessages()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, PendingEvents = [new GameEvent("e-1", s.SessionId, "Bell rings", false)] });
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Ling Lu, hello"), null, None);

        await h.Alternatives.RegenerateAsync(s.SessionId, Player(s, "p-2"), null, None);

        Assert.Equal(h.ChatModel.Calls[0].Body.Messages, h.ChatModel.Calls[1].Body.Messages);
        Assert.Equal(h.ChatModel.Calls[0].SessionHeader, h.ChatModel.Calls[1].SessionHeader);
    }

    [Fact]
    public async Task PostTurnAsync_StoreFailsAfterApplyingCommit_RetryGetsRecordedResultWithoutSecondCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var store = new FailAfterCommitStore(h.Sessions);
        var turns = h.TurnsWith(store: store);

        await Assert.ThrowsAsync<IOException>(() => turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None));
        var retry = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal([2L, 3L], retry.Messages.Select(m => m.Seq));
        Assert.Equal(3, h.Sessions.All(s.SessionId).Count);
    }

    [Fact]
    public async Task PostTurnAsync_SoleOwnerClaimsAndStoreFailsAfterApplyingCommit_RetryAtOnceGetsRecordedResult()
    {
        var h = new RoleplayHarness();
        h.LeaseOptions.SoleOwner = true;
        var s = await h.OneToOneAsync();
        var claims = new SoleOwnerClaims(h.Idempotency);
        var failing = h.TurnsWith(store: new FailAfterCommitStore(h.Sessions), records: claims);

        await Assert.ThrowsAsync<IOException>(() => failing.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None));
        var retry = await h.TurnsWith(records: claims).PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Single(h.ChatModel.Calls);
        Assert.Equal([2L, 3L], retry.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task PostTurnAsync_SoleOwnerClaimsAndModelFails_RetryRunsTheTurn()
    {
        var h = new RoleplayHarness();
        h.LeaseOptions.SoleOwner = true;
        var s = await h.OneToOneAsync();
        var turns = h.TurnsWith(records: new SoleOwnerClaims(h.Idempotency));
        h.ChatModel.ThenFail(ModelFailureKind.Timeout);

        await Assert.ThrowsAsync<RoleplayException>(() => turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None));
        var retry = await turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal(2, h.ChatModel.Calls.Count);
        Assert.Equal([2L, 3L], retry.Messages.Select(m => m.Seq));
    }

    /// <summary>Applies the commit, then reports a transport failure (the ambiguous case).</summary>
    private sealed class FailAfterCommitStore(InMemorySessionStore inner) : ISessionStore
    {
        public Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct) => inner.CreateAsync(session, initialMessages, ct);
        public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct) => inner.GetAsync(sessionId, ct);
        public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
        {
            await inner.CommitAsync(commit, ct);
            throw new IOException("connection reset after write");
        }
        public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct) => inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);
        public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) => inner.ReadPageAsync(sessionId, afterSeq, limit, ct);
        public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) => inner.FindByTurnAsync(sessionId, turnId, ct);
    }
}
