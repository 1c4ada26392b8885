using System.Collections.Concurrent;
using System.Text.Json;
using CharacterFunctions.Roleplay;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Storage.Sqlite;

namespace CharacterFunctions.Benchmarks.Throughput;

/// <summary>
/// The like-for-like yardstick: an endpoint that sends the model exactly the request a turn of the same
/// session would send — the host's own <see cref="MessageBuilder"/> (same window and cursor) and its own
/// <see cref="IChatModel"/> (same serializer, header and client) — but keeps the session in memory and
/// does no auth, idempotency, persistence or actor bookkeeping. The host's gap to this is what those cost.
/// <c>/forward-durable</c> does the same and then writes the turn as a host turn is written, in one commit
/// (messages, head and the completed idempotency record) through the local host's own store composition
/// (SQLite stores with the head and transcript-tail cache) on a database file of its own, so neither row
/// pays for the other's WAL: the floor of a durable turn. The host's gap to it is what auth, validation,
/// claims and HTTP shaping cost.
/// </summary>
public sealed class FairForwarder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _floorServices;

    private FairForwarder(WebApplication app, ServiceProvider floorServices, Uri baseAddress)
    {
        _app = app;
        _floorServices = floorServices;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The durable floor's database, for its write and transaction counts.</summary>
    public SqliteDatabase FloorDatabase => _floorServices.GetRequiredService<SqliteDatabase>();

    /// <summary>In-memory state of one forwarded session; only its own client touches it (turns are sequential).</summary>
    private sealed class Conversation(SessionRecord head, List<TranscriptMessage> transcript)
    {
        public SessionRecord Head { get; set; } = head;
        public List<TranscriptMessage> Transcript { get; } = transcript;
    }

    private sealed record TurnBody(string SessionId, string Text);

    /// <summary>Starts the forwarder with the builder, model client and stores of <paramref name="host"/>.</summary>
    public static async Task<FairForwarder> StartAsync(IServiceProvider host)
    {
        var messages = host.GetRequiredService<MessageBuilder>();
        var model = host.GetRequiredService<IChatModel>();
        var sessions = host.GetRequiredService<ISessionStore>();
        var floorDirectory = Directory.CreateTempSubdirectory("cf-bench-floor-").FullName;
        var floorServices = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSqliteStores($"Data Source={Path.Combine(floorDirectory, "floor.db")}")
            .CacheSessionHeads()
            .BuildServiceProvider();
        var floor = floorServices.GetRequiredService<ISessionStore>();
        var characters = host.GetRequiredService<ICharacterStore>();
        var conversations = new ConcurrentDictionary<string, Conversation>(StringComparer.Ordinal);
        var profiles = new ConcurrentDictionary<string, CharacterProfile>(StringComparer.Ordinal);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        // Set-up, not measured: copy a session the host created (head and opening line) into memory.
        app.MapPost("/sessions/{sessionId}", async (string sessionId, CancellationToken ct) =>
        {
            var head = await sessions.GetAsync(sessionId, ct) ?? throw new InvalidOperationException($"No session {sessionId}.");
            var transcript = head.LastSeq == 0 ? [] : (await sessions.ReadRangeAsync(sessionId, 1, head.LastSeq, ct)).ToList();
            foreach (var id in head.CharacterIds)
            {
                profiles[id] = await characters.GetAsync(id, ct) ?? throw new InvalidOperationException($"No character {id}.");
            }
            // The same session in the floor's own database, so a durable forward commits on its head.
            conversations[sessionId] = new Conversation(await floor.CreateAsync(head with { Version = "" }, transcript, ct), transcript);
            return Results.NoContent();
        });

        async Task<IResult> ForwardAsync(TurnBody turn, bool durable, CancellationToken ct)
        {
            var conversation = conversations[turn.SessionId];
            var head = conversation.Head;
            var speaker = profiles[head.CharacterIds[0]];
            var cursor = head.Cursors.TryGetValue(speaker.Id, out var c) ? c : CharacterCursor.Initial;
            var from = (int)Math.Max(1, MessageBuilder.HistoryReadFrom(head, cursor, speaker));
            var now = DateTimeOffset.UtcNow;
            var user = new TranscriptMessage { Seq = head.LastSeq + 1, Role = MessageRole.User, Kind = MessageKind.User, Speaker = "Class Monitor", SpeakerId = "p-1", Text = turn.Text, CreatedAt = now };
            var built = messages.Build(new PromptContext
            {
                Session = head,
                Speaker = speaker,
                Characters = profiles,
                Cursor = cursor,
                History = conversation.Transcript.GetRange(from - 1, conversation.Transcript.Count - (from - 1)),
                NewMessages = [user],
                Kind = PromptKind.Turn,
            });
            var result = await model.CompleteAsync(built.Call, ct);
            var text = result.Completion?.Choices[0] ?? throw new InvalidOperationException("The fake model failed.");
            var reply = new TranscriptMessage { Seq = user.Seq + 1, Role = MessageRole.Assistant, Kind = MessageKind.Reply, Speaker = speaker.Name, SpeakerId = speaker.Id, Text = text, CreatedAt = now };
            var cursors = new Dictionary<string, CharacterCursor>(head.Cursors, StringComparer.Ordinal) { [speaker.Id] = built.NextCursor };
            var next = head with { LastSeq = reply.Seq, Cursors = cursors };
            if (durable)
            {
                var turnId = Guid.NewGuid().ToString("N");
                var completion = new IdempotencyRecord(head.SessionId, turnId, "bench", IdempotencyStatus.Completed,
                    JsonSerializer.Serialize(new TurnResult(turnId, [user, reply], result.Completion!.Usage), RoleplayJson.Options), now);
                next = await floor.CommitAsync(SessionCommit.Append(head, next, [user, reply]) with { Completion = completion }, ct);
            }
            conversation.Transcript.Add(user);
            conversation.Transcript.Add(reply);
            conversation.Head = next;
            return Results.Ok(new { text });
        }

        app.MapPost("/forward", (TurnBody turn, CancellationToken ct) => ForwardAsync(turn, durable: false, ct));
        app.MapPost("/forward-durable", (TurnBody turn, CancellationToken ct) => ForwardAsync(turn, durable: true, ct));

        await app.StartAsync();
        return new FairForwarder(app, floorServices, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _floorServices.DisposeAsync();
    }
}
