using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>The core services wired to in-memory fakes, with the real catalog, estimator and message builder.</summary>
internal sealed class RoleplayHarness
{
    public const string Model = "qwen-plus-character";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public InMemorySessionStore Sessions { get; }
    public InMemoryCharacterStore Characters { get; } = new();
    public InMemoryIdempotencyStore Idempotency { get; } = new();
    public FakeSessionActors Actors { get; } = new();
    public FakeChatModel ChatModel { get; } = new();
    public ModelCatalog Catalog { get; } = ModelCatalog.Default;
    public TokenEstimator Estimator { get; } = new();
    public MessageBuilder Builder { get; }
    public SessionTokens Tokens { get; }
    public ISessionLock Lock { get; set; } = new NoSessionLock();
    public ClaimLeaseOptions LeaseOptions { get; } = new();
    public ClaimLease Lease { get; }

    /// <param name="tracksHeldEvents">The session store knows whether an event was ever held (as the Table store does).</param>
    public RoleplayHarness(bool tracksHeldEvents = false)
    {
        // A commit's completed idempotency record lands in the same store the claims live in, as in the real stores.
        Sessions = new InMemorySessionStore { Records = Idempotency, TracksHeldEvents = tracksHeldEvents };
        Builder = new MessageBuilder(Catalog, Estimator);
        Tokens = new SessionTokens(Options.Create(new AuthOptions { SessionTokenSecret = "test-secret" }), Time);
        Lease = new ClaimLease(Options.Create(LeaseOptions), Idempotency, Time, NullLogger<ClaimLease>.Instance);
    }

    /// <summary>The one commit path over this harness's fakes; a test may swap the store or the actors.</summary>
    public SessionCommitter Committer(ISessionStore? store = null, ISessionActors? actors = null) =>
        new(store ?? Sessions, actors ?? Actors, Lock, [], NullLogger<SessionCommitter>.Instance);

    /// <summary>The shared generation steps over this harness's fakes.</summary>
    public GenerationSteps Steps(ISessionStore? store = null) =>
        new(store ?? Sessions, Characters, Actors, Builder, Estimator, Catalog, NullLogger<GenerationSteps>.Instance);

    public TurnService TurnsWith(ISessionStore? store = null, ISessionActors? actors = null, IIdempotencyStore? records = null) =>
        new(Committer(store, actors), Steps(store),
            new TurnIdempotency(records ?? Idempotency, store ?? Sessions,
                records is null ? Lease : new ClaimLease(Options.Create(LeaseOptions), records, Time, NullLogger<ClaimLease>.Instance),
                NullLogger<TurnIdempotency>.Instance),
            ChatModel, Time, NullLogger<TurnService>.Instance);

    public TurnService Turns => TurnsWith();

    public AlternativesService Alternatives => new(Committer(), Steps(), ChatModel, NullLogger<AlternativesService>.Instance);

    public UnpromptedGeneration Unprompted => new(Committer(), Steps(), ChatModel, Time);

    public SessionDefaults Defaults { get; } = new();

    public SessionService SessionService => new(Sessions, Characters, Actors, Tokens, Catalog, new PollingTranscriptWaiter(Sessions, TimeProvider.System), Committer(), Time, Options.Create(Defaults), NullLogger<SessionService>.Instance);

    public IdleContinuationService Idle => new(Unprompted, NullLogger<IdleContinuationService>.Instance);

    public EventReactionService Reactions => new(Unprompted, Sessions, Actors, NullLogger<EventReactionService>.Instance);

    public GameEventIntake Intake => new(Sessions, Actors, Idempotency, Lease, NullLogger<GameEventIntake>.Instance);

    public async Task<CharacterProfile> AddCharacterAsync(string id, string name, string? openingLine = null) =>
        await Characters.PutAsync(new CharacterProfile
        {
            Id = id,
            Name = name,
            Model = Model,
            SystemPrompt = $"You are {name}.",
            OpeningLine = openingLine,
        }, null, CancellationToken.None);

    /// <summary>A one-to-one session with Jiang Rang (opening line at seq 1) and player p-1; no idle policy unless given.</summary>
    public async Task<CreatedSession> OneToOneAsync(IdleDefinition? idle = null)
    {
        await AddCharacterAsync("jiang-rang", "Jiang Rang", "Class monitor, what are you up to?");
        return await SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["jiang-rang"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "Monitor" }],
            Idle = idle,
        }, CancellationToken.None);
    }

    /// <summary>A group: Ling Lu, Jiang Rang, Xu Wei (no opening lines); players p-1 and p-2.</summary>
    public async Task<CreatedSession> GroupAsync()
    {
        await AddCharacterAsync("ling-lu", "Ling Lu");
        await AddCharacterAsync("jiang-rang", "Jiang Rang");
        await AddCharacterAsync("xu-wei", "Xu Wei");
        return await SessionService.CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["ling-lu", "jiang-rang", "xu-wei"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "Monitor" }, new PlayerDefinition { PlayerId = "p-2", Name = "Deskmate" }],
        }, CancellationToken.None);
    }

    public static Caller Player(CreatedSession session, string playerId = "p-1") => Caller.Player(session.SessionId, playerId);

    public static TurnRequest Say(string text, string? turnId = null) => new() { Text = text, TurnId = turnId };
}
