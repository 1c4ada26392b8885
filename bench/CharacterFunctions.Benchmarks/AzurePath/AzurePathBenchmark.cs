using Azure.Core;
using Azure.Data.Tables;
using CharacterFunctions.Benchmarks.Shared;
using CharacterFunctions.Roleplay;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Benchmarks.AzurePath;

/// <summary>
/// The Azure path's cost per use case: the core services on the Table stores (against Azurite) with a
/// counting pipeline policy, and the Durable operations the Azure app's actors would cause. Storage
/// requests are counted on the request path (what the HTTP/Service Bus function or the activity does)
/// and for the publish activity apart. Rows run on a warm instance (character profile in memory,
/// the app's <c>CachedCharacterStore</c>) but the one marked cold. Skipped with a NOTICE when Azurite is not running.
/// </summary>
public static class AzurePathBenchmark
{
    // Azurite's publicly documented development account (not a secret).
    private const string AzuriteAccount = "AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azure Table Storage, standard LRS, "storage transactions" list price per 10,000 (USD).</summary>
    public const decimal PricePer10kTransactions = 0.00036m;

    private const int Rounds = 10;

    private const string TurnAfterHeldEventRow = "turn after a held event was written, session without idle policy";

    private sealed record Cost(string UseCase, double RequestPath, double PublishPath, DurableCount Durable, int Rounds, IReadOnlyList<string> LastRequests);

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine("## Azure path: storage requests and Durable operations per use case (Table stores on Azurite)");
        output.WriteLine();
        var endpoint = Environment.GetEnvironmentVariable("AZURITE_TABLE_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint))
        {
            output.WriteLine("NOTICE: Azurite is not running (AZURITE_TABLE_ENDPOINT is unset; `./build.sh bench` starts it when npm can install it), so the Azure path rows are SKIPPED.");
            output.WriteLine();
            return;
        }

        await using var model = await FakeModelServer.StartAsync();
        model.RecordRequests = false;
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var counter = new StorageRequestCounter(prefix);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient($"DefaultEndpointsProtocol=http;{AzuriteAccount};TableEndpoint={endpoint};", tableOptions);
        var ledger = new DurableLedger();

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:BaseUrl"] = model.BaseUrl,
            ["Model:ApiKey"] = "bench-key",
            ["Auth:OperatorKey"] = BenchHost.OperatorKey,
            ["Auth:SessionTokenSecret"] = "bench-secret-bench-secret-bench-secret",
        }).Build();
        var services = new ServiceCollection();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddSingleton<ISessionActors>(ledger);
        services.AddRoleplayCore(config);
        services.AddCharacterModel(config);
        services.AddTableStores(tables, prefix);
        // The app's own profile cache (Characters__CacheSeconds, default 10 s), on a clock the bench moves: a cold
        // instance is one whose cached profile has aged out. Nothing else here waits on the clock.
        services.CacheCharacters(config);
        await using var provider = services.BuildServiceProvider();

        var h = new Harness(provider, ledger, counter, () => clock.Advance(TimeSpan.FromSeconds(CharacterCacheSettings.DefaultSeconds + 1)));
        await h.SetUpAsync();
        var costs = new List<Cost>
        {
            await h.TurnsAsync("turn, session without idle policy, warm instance", idleSeconds: 0, cold: false),
            await h.TurnsAsync("turn, session without idle policy, cold instance (profile read)", idleSeconds: 0, cold: true),
            await h.TurnsAsync("turn, session with idle policy, warm instance", idleSeconds: 30, cold: false),
            await h.NudgesAsync(),
            await h.HeldEventsAsync(),
            await h.TurnsAfterAHeldEventAsync("turn that writes one held event", turnsBefore: 0),
            await h.TurnsAfterAHeldEventAsync(TurnAfterHeldEventRow, turnsBefore: 1),
            await h.ReactionsAsync(),
        };
        var headRead = await h.HeadReadAsync();

        output.WriteLine($"Averages over {Rounds} rounds each. Storage requests are HTTP requests the Table SDK sent (a counting `HttpPipelinePolicy` per retry), i.e. billable transactions. " +
                         "Durable operations are those the Azure app's `DurableSessionActors` / `SessionEntity` issue for the same calls (same reducer, mapped as their code maps it: a commit's operations are one batch signal). " +
                         "A warm instance has the character profile in memory (the app's `CachedCharacterStore`, `Characters__CacheSeconds` = 10); on a cold one it has aged out and is read from the table.");
        output.WriteLine();
        output.WriteLine("| use case | storage requests, request path | storage requests, publish activity | entity state queries | entity signals | scheduled signals | orchestrations started |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var c in costs)
        {
            double Per(int n) => (double)n / c.Rounds;
            output.WriteLine($"| {c.UseCase} | {c.RequestPath:F1} | {c.PublishPath:F1} | {Per(c.Durable.StateQueries):F1} | {Per(c.Durable.Signals):F1} | {Per(c.Durable.ScheduledSignals):F1} | {Per(c.Durable.Orchestrations):F1} |");
        }
        output.WriteLine();

        var (turn, cold) = (costs[0], costs[1]);
        double PerTurn(int n) => (double)n / turn.Rounds;
        decimal PerMillion(Cost c) => (decimal)c.RequestPath * 1_000_000m / 10_000m * PricePer10kTransactions;
        output.WriteLine($"- A turn's storage requests, in order (warm instance): {string.Join(", ", turn.LastRequests)}; cold instance: {string.Join(", ", cold.LastRequests)}.");
        output.WriteLine($"- Turn request path: {turn.RequestPath:F1} storage round trips on a warm instance, {cold.RequestPath:F1} on a cold one (target <= 4) -> warm {Met(turn.RequestPath <= 4)}, cold {Met(cold.RequestPath <= 4)}.");
        output.WriteLine($"- Durable operations on a turn's path without an idle policy: {PerTurn(turn.Durable.Total):F1} " +
                         $"({PerTurn(turn.Durable.StateQueries):F1} entity state queries, {PerTurn(turn.Durable.Signals):F1} signals, {PerTurn(turn.Durable.ScheduledSignals):F1} scheduled, {PerTurn(turn.Durable.Orchestrations):F1} orchestrations; target 0) -> {Met(turn.Durable.Total == 0)}.");
        var afterEvent = costs.Single(c => c.UseCase == TurnAfterHeldEventRow);
        output.WriteLine($"- Durable operations on a turn's path after a turn wrote the session's held event: {(double)afterEvent.Durable.Total / afterEvent.Rounds:F1} " +
                         $"({(double)afterEvent.Durable.StateQueries / afterEvent.Rounds:F1} entity state queries; target 0) -> {Met(afterEvent.Durable.Total == 0)}.");
        output.WriteLine($"- 1,000,000 turns a month (no idle policy): {turn.RequestPath * 1_000_000:N0} Table transactions on warm instances = USD {PerMillion(turn):F2} " +
                         $"({cold.RequestPath * 1_000_000:N0} = USD {PerMillion(cold):F2} if every turn met a cold instance) at USD {PricePer10kTransactions} per 10,000 (Table Storage standard LRS list price); Durable's own storage traffic comes on top.");

        // The old waiter polled every 250 ms and read once more at the deadline; the new one returns without that read.
        var before = ReadsPerMinute(_ => TimeSpan.FromMilliseconds(250), readsAtDeadline: true);
        var after = ReadsPerMinute(PollingTranscriptWaiter.IntervalAfter, readsAtDeadline: false);
        output.WriteLine($"- Long-poll (`PollingTranscriptWaiter`), head reads per waiting client-minute with no news: before {before} (fixed 250 ms), after {after} (250 ms doubling to 2 s, woken at once by commits on the same instance); one head read = {headRead} storage request(s).");
        output.WriteLine();
    }

    private static string Met(bool met) => met ? "**MET**" : "**NOT MET**";

    /// <summary>Head reads of one 60 s wait without news under a pause schedule, plus the read at the deadline if the waiter makes one.</summary>
    private static int ReadsPerMinute(Func<int, TimeSpan> pauseAfter, bool readsAtDeadline)
    {
        var minute = TimeSpan.FromSeconds(60);
        var at = TimeSpan.Zero;
        var reads = 0;
        while (at < minute)
        {
            reads++;
            at += pauseAfter(reads);
        }
        return readsAtDeadline ? reads + 1 : reads;
    }

    /// <summary>Sums of measured rounds of one use case.</summary>
    private sealed class Tally
    {
        private int _rounds;
        private int _requestPath;
        private int _publishPath;
        private DurableCount _durable = new();

        private IReadOnlyList<string> _last = [];

        public void Add((int RequestPath, int PublishPath, DurableCount Durable, IReadOnlyList<string> Requests) round)
        {
            _rounds++;
            _last = round.Requests;
            _requestPath += round.RequestPath;
            _publishPath += round.PublishPath;
            _durable = _durable.Add(round.Durable);
        }

        public Cost Cost(string useCase) => new(useCase, (double)_requestPath / _rounds, (double)_publishPath / _rounds, _durable, _rounds, _last);
    }

    /// <summary>The core use cases on the Table stores, one session per round.</summary>
    private sealed class Harness(IServiceProvider services, DurableLedger ledger, StorageRequestCounter counter, Action ageOutProfiles)
    {
        private readonly SessionService _sessions = services.GetRequiredService<SessionService>();
        private readonly TurnService _turns = services.GetRequiredService<TurnService>();
        private readonly IdleContinuationService _nudges = services.GetRequiredService<IdleContinuationService>();
        private readonly GameEventIntake _intake = services.GetRequiredService<GameEventIntake>();
        private readonly EventReactionService _reactions = services.GetRequiredService<EventReactionService>();
        private readonly ISessionStore _store = services.GetRequiredService<ISessionStore>();

        public async Task SetUpAsync()
        {
            await services.GetRequiredService<CharacterService>().PutAsync("jiang-rang", new Roleplay.Characters.CharacterDefinition
            {
                Name = "Jiang Rang",
                SystemPrompt = "You are Jiang Rang, a male Go prodigy who has won many awards. You are currently a high school heartthrob, and the user is your class monitor.",
                OpeningLine = "Class monitor, what are you up to?",
            }, null, CancellationToken.None);
            // Warm every table (create-if-missing runs once per process) so no row counts it.
            var warm = await NewSessionAsync(30);
            await TurnAsync(warm);
            await _intake.AcceptAsync(new GameEvent("warm", warm, "warm-up", React: false), CancellationToken.None);
            ledger.Take();
            counter.Reset();
        }

        public async Task<Cost> TurnsAsync(string name, int idleSeconds, bool cold)
        {
            var total = new Tally();
            for (var i = 0; i < Rounds; i++)
            {
                var session = await NewSessionAsync(idleSeconds);
                await TurnAsync(session); // the first turn of a session is not typical
                if (cold)
                {
                    ageOutProfiles();
                }
                total.Add(await MeasureAsync(() => TurnAsync(session)));
            }
            return total.Cost(name);
        }

        public async Task<Cost> NudgesAsync()
        {
            var total = new Tally();
            for (var i = 0; i < Rounds; i++)
            {
                var session = await NewSessionAsync(30);
                await TurnAsync(session);
                var head = await _store.GetAsync(session, CancellationToken.None);
                total.Add(await MeasureAsync(async () =>
                {
                    // The scheduled IdleDue signal is delivered; the entity starts NudgeOrchestration, whose activity runs this.
                    ledger.FireIdleTimer(session);
                    await _nudges.GenerateNudgeAsync(session, head!.LastSeq, CancellationToken.None);
                }));
            }
            return total.Cost("idle nudge (timer fires -> nudge committed)");
        }

        public async Task<Cost> HeldEventsAsync()
        {
            var total = new Tally();
            for (var i = 0; i < Rounds; i++)
            {
                var session = await NewSessionAsync(0);
                total.Add(await MeasureAsync(() => _intake.AcceptAsync(new GameEvent($"e-{i}", session, "Player enters Level 3", React: false), CancellationToken.None)));
            }
            return total.Cost("game event, react: false (held)");
        }

        /// <summary>
        /// A session holds one event; measured is the turn that writes it, or with <paramref name="turnsBefore"/> 1
        /// the turn after that one (whose commit deleted the event's mark, so the entity is not asked).
        /// </summary>
        public async Task<Cost> TurnsAfterAHeldEventAsync(string name, int turnsBefore)
        {
            var total = new Tally();
            for (var i = 0; i < Rounds; i++)
            {
                var session = await NewSessionAsync(0);
                await TurnAsync(session);
                await _intake.AcceptAsync(new GameEvent($"e-{i}", session, "Player enters Level 3", React: false), CancellationToken.None);
                for (var turn = 0; turn < turnsBefore; turn++)
                {
                    await TurnAsync(session);
                }
                total.Add(await MeasureAsync(() => TurnAsync(session)));
            }
            return total.Cost(name);
        }

        public async Task<Cost> ReactionsAsync()
        {
            var total = new Tally();
            for (var i = 0; i < Rounds; i++)
            {
                var session = await NewSessionAsync(0);
                await TurnAsync(session);
                var gameEvent = new GameEvent($"r-{i}", session, "The school bell rings.", React: true);
                total.Add(await MeasureAsync(async () =>
                {
                    // Intake signals AddEvent; the entity starts ReactionOrchestration, whose activity runs ReactAsync.
                    await _intake.AcceptAsync(gameEvent, CancellationToken.None);
                    await _reactions.ReactAsync(gameEvent, CancellationToken.None);
                }));
            }
            return total.Cost("game event, react: true (reaction committed)");
        }

        public async Task<int> HeadReadAsync()
        {
            var session = await NewSessionAsync(0);
            counter.Reset();
            await _store.GetAsync(session, CancellationToken.None);
            return counter.Reset();
        }

        private async Task<string> NewSessionAsync(int idleSeconds)
        {
            var created = await _sessions.CreateAsync(new CreateSessionRequest
            {
                CharacterIds = ["jiang-rang"],
                Players = [new PlayerDefinition { PlayerId = "p-1", Name = "Class Monitor" }],
                Idle = new IdleDefinition { AfterSeconds = idleSeconds, MaxNudges = 1 },
            }, CancellationToken.None);
            return created.SessionId;
        }

        private Task TurnAsync(string session) =>
            _turns.PostTurnAsync(session, Caller.Player(session, "p-1"),
                new TurnRequest { TurnId = Guid.NewGuid().ToString("N"), Text = "I am reading a book." }, null, CancellationToken.None);

        /// <summary>Storage requests of the action, then of the publish activities its orchestrations would run.</summary>
        private async Task<(int RequestPath, int PublishPath, DurableCount Durable, IReadOnlyList<string> Requests)> MeasureAsync(Func<Task> action)
        {
            ledger.Take();
            counter.Reset();
            await action();
            var requests = counter.Take();
            var (durable, published) = ledger.Take();
            foreach (var (sessionId, seq) in published)
            {
                // PublishMessageActivity reads the committed message before sending it to the topic.
                await _store.ReadRangeAsync(sessionId, seq, seq, CancellationToken.None);
            }
            return (requests.Count, counter.Reset(), durable, requests);
        }
    }
}
