using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class SessionServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CreateAsync_CharactersWithOpeningLines_OpeningMessagesInCharacterOrderAndTokensPerPlayer()
    {
        var h = new RoleplayHarness();
        await h.AddCharacterAsync("b", "Bea", "Hi from Bea");
        await h.AddCharacterAsync("a", "Al");
        await h.AddCharacterAsync("c", "Cy", "Hi from Cy");

        var created = await h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["c", "a", "b"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "One" }, new PlayerDefinition { PlayerId = "p-2", Name = "Two" }],
            Idle = new IdleDefinition { AfterSeconds = 30 },
        }, None);

        Assert.Equal([(1L, "c", MessageKind.Opening), (2L, "b", MessageKind.Opening)], created.Messages.Select(m => (m.Seq, m.SpeakerId!, m.Kind)));
        Assert.Equal(["p-1", "p-2"], created.AccessTokens.Keys.Order());
        Assert.Equal(("p-2", created.SessionId), (h.Tokens.Validate(created.AccessTokens["p-2"])!.PlayerId, h.Tokens.Validate(created.AccessTokens["p-2"])!.SessionId));
        var start = Assert.IsType<SessionOperation.Start>(Assert.Single(h.Actors.SentTo(created.SessionId)));
        Assert.Equal((new IdlePolicy(30, 1), 2L), (start.Idle, start.LastSeq));
        Assert.Equal(2, (await h.Sessions.GetAsync(created.SessionId, None))!.LastSeq);
    }

    [Fact]
    public async Task CreateAsync_NoIdleObject_UsesConfiguredDefaultIdle()
    {
        var h = new RoleplayHarness();
        h.Defaults.DefaultIdle = new IdlePolicy(45, 2);
        await h.AddCharacterAsync("a", "Al");

        var created = await h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["a"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "One" }],
        }, None);

        var start = Assert.IsType<SessionOperation.Start>(Assert.Single(h.Actors.SentTo(created.SessionId)));
        Assert.Equal(new IdlePolicy(45, 2), start.Idle);
        Assert.Equal(new IdlePolicy(45, 2), (await h.Sessions.GetAsync(created.SessionId, None))!.Idle);
    }

    [Fact]
    public async Task CreateAsync_UnknownCharacter_ThrowsValidationOnCharacterIds()
    {
        var h = new RoleplayHarness();
        await h.AddCharacterAsync("a", "Al");

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["a", "ghost"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "One" }],
        }, None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("ghost", Assert.Single(error.Errors!["characterIds"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_InvalidPlayersScenarioAndIdle_ReportsEveryField()
    {
        var h = new RoleplayHarness();
        await h.AddCharacterAsync("a", "Al");

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["a"],
            Players = [new PlayerDefinition { PlayerId = "p 1", Name = "One" }, new PlayerDefinition { PlayerId = "p-2", Name = "" }],
            Scenario = new string('x', 4001),
            Idle = new IdleDefinition { AfterSeconds = 86_401, MaxNudges = 11 },
        }, None));

        Assert.Equal(
            ["idle.afterSeconds", "idle.maxNudges", "players[0].playerId", "players[1].name", "scenario"],
            error.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_PlayerWithoutName_SpeaksUnderItsId()
    {
        var h = new RoleplayHarness();
        await h.AddCharacterAsync("a", "Al");

        var created = await h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["a"],
            Players = [new PlayerDefinition { PlayerId = "p-1" }],
        }, None);

        var view = await h.SessionService.GetAsync(created.SessionId, Caller.Operator, None);
        Assert.Equal(new Player("p-1", "p-1"), Assert.Single(view.Players));
    }

    [Fact]
    public async Task CreateAsync_DuplicatePlayerIds_ThrowsValidation()
    {
        var h = new RoleplayHarness();
        await h.AddCharacterAsync("a", "Al");

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["a"],
            Players = [new PlayerDefinition { PlayerId = "p", Name = "One" }, new PlayerDefinition { PlayerId = "p", Name = "Two" }],
        }, None));

        Assert.Contains("players[1].playerId", error.Errors!.Keys);
    }

    [Fact]
    public async Task GetAsync_AfterATurn_ShowsCharactersUsagePendingEventsAndLastSeq()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi"), null, None);
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, PendingEvents = [new GameEvent("e", s.SessionId, "x", false)] });

        var view = await h.SessionService.GetAsync(s.SessionId, Player(s), None);

        Assert.Equal(3, view.LastSeq);
        Assert.Equal(new SessionCharacter("jiang-rang", "Jiang Rang", RoleplayHarness.Model), Assert.Single(view.Characters));
        Assert.Equal(1, view.PendingEvents);
        Assert.Equal(FakeChatModel.Usage, view.Usage);
        Assert.Equal(SessionStatus.Active, view.Status);
    }

    [Fact]
    public async Task GetAsync_PlayerOfAnotherSession_ThrowsForbidden()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.GetAsync(s.SessionId, Caller.Player("other", "p-1"), None));

        Assert.Equal(ProblemKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task EndAsync_Twice_EndsOnceSendsEndAndTranscriptStaysReadable()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        await h.SessionService.EndAsync(s.SessionId, Player(s), None);
        var endedAt = (await h.Sessions.GetAsync(s.SessionId, None))!.EndedAt;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.SessionService.EndAsync(s.SessionId, Caller.Operator, None);

        var head = (await h.Sessions.GetAsync(s.SessionId, None))!;
        Assert.Equal((SessionStatus.Ended, endedAt), (head.Status, head.EndedAt));
        Assert.Contains(h.Actors.SentTo(s.SessionId), op => op is SessionOperation.End);
        Assert.Single(await h.SessionService.ReadMessagesAsync(s.SessionId, Player(s), 0, 100, 0, None));
    }

    [Fact]
    public async Task ReadMessagesAsync_Paging_ReturnsMessagesAfterSeqUpToLimit()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("one"), null, None);
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("two"), null, None);

        var page = await h.SessionService.ReadMessagesAsync(s.SessionId, Player(s), 1, 2, 0, None);

        Assert.Equal([2L, 3L], page.Select(m => m.Seq));
    }

    [Theory]
    [InlineData(-1, 100, 0, "after")]
    [InlineData(0, 0, 0, "limit")]
    [InlineData(0, 501, 0, "limit")]
    [InlineData(0, 100, 61, "waitSeconds")]
    public async Task ReadMessagesAsync_OutOfRange_ThrowsValidation(long after, int limit, int wait, string field)
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.ReadMessagesAsync(s.SessionId, Player(s), after, limit, wait, None));

        Assert.Contains(field, error.Errors!.Keys);
    }

    [Fact]
    public async Task ReadMessagesAsync_WaitWithNothingNewer_ReturnsOnceAMessageIsCommitted()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();

        var read = h.SessionService.ReadMessagesAsync(s.SessionId, Player(s), 1, 100, 30, None);
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("wake up") with { Reply = false }, null, None);

        var page = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("wake up", Assert.Single(page).Text);
    }

    [Fact]
    public async Task ReadMessagesAsync_UnknownSession_ThrowsNotFound()
    {
        var h = new RoleplayHarness();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.SessionService.ReadMessagesAsync("nope", Caller.Operator, 0, 10, 0, None));

        Assert.Equal(ProblemKind.NotFound, error.Kind);
    }
}
