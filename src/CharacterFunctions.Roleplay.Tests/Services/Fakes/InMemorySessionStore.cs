using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>An ISessionStore that honours versions and dense seqs like the real stores, with a hook to inject a concurrent writer.</summary>
internal sealed class InMemorySessionStore : ISessionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionRecord> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<long, TranscriptMessage>> _messages = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Runs at the start of every CommitAsync (outside the lock), e.g. to let another writer in first.</summary>
    public Func<SessionCommit, Task>? BeforeCommit { get; set; }

    public int Commits { get; private set; }

    /// <summary>Where a commit's <see cref="SessionCommit.Completion"/> is written, atomically with it.</summary>
    public InMemoryIdempotencyStore? Records { get; init; }

    public Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_heads.ContainsKey(session.SessionId))
            {
                throw new ConcurrencyException("exists");
            }
            var stored = session with { Version = NextVersion() };
            _heads[session.SessionId] = stored;
            _messages[session.SessionId] = new SortedDictionary<long, TranscriptMessage>(initialMessages.ToDictionary(m => m.Seq));
            return Task.FromResult(stored);
        }
    }

    /// <summary>
    /// When set, the store tracks held-event marks like the Table store: a head lists the marks made by
    /// <see cref="MarkHeldEventAsync"/> and not yet cleared by a commit that wrote their event. Unset, every
    /// head says "maybe" (like SQLite).
    /// </summary>
    public bool TracksHeldEvents { get; init; }

    private readonly Dictionary<string, HashSet<string>> _heldEventMarks = new(StringComparer.Ordinal);

    public Task MarkHeldEventAsync(string sessionId, string eventId, CancellationToken ct)
    {
        lock (_gate)
        {
            Marks(sessionId).Add(eventId);
            return Task.CompletedTask;
        }
    }

    private HashSet<string> Marks(string sessionId) =>
        _heldEventMarks.TryGetValue(sessionId, out var marks) ? marks : _heldEventMarks[sessionId] = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Head reads so far (a turn should read the head once where no lock serialises writers).</summary>
    public int HeadReads { get; private set; }

    public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        lock (_gate)
        {
            HeadReads++;
            return Task.FromResult(_heads.GetValueOrDefault(sessionId) is { } head && TracksHeldEvents
                ? head with { HeldEventMarks = Marks(sessionId).ToHashSet(StringComparer.Ordinal) }
                : _heads.GetValueOrDefault(sessionId));
        }
    }

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        if (BeforeCommit is { } hook)
        {
            await hook(commit);
        }
        await Task.Yield(); // let concurrent callers interleave like a real store would
        lock (_gate)
        {
            var id = commit.Expected.SessionId;
            if (!_heads.TryGetValue(id, out var head) || head.Version != commit.Expected.Version)
            {
                throw new ConcurrencyException("version changed");
            }
            var transcript = _messages[id];
            var expectedSeq = head.LastSeq;
            foreach (var message in commit.Appended)
            {
                if (message.Seq != ++expectedSeq || transcript.ContainsKey(message.Seq))
                {
                    throw new ConcurrencyException("seq taken or not dense");
                }
            }
            if (commit.Updated.LastSeq != expectedSeq)
            {
                throw new InvalidOperationException($"Head LastSeq {commit.Updated.LastSeq} does not match appended messages ({expectedSeq}).");
            }
            foreach (var message in commit.Replaced)
            {
                if (!transcript.ContainsKey(message.Seq))
                {
                    throw new InvalidOperationException($"Replaced seq {message.Seq} does not exist.");
                }
            }
            foreach (var message in commit.Appended.Concat(commit.Replaced))
            {
                transcript[message.Seq] = message;
            }
            var stored = commit.Updated with { Version = NextVersion(), HeldEventMarks = null };
            _heads[id] = stored;
            Marks(id).ExceptWith(commit.HeldEventMarksWritten);
            if (commit.Completion is { } completion)
            {
                (Records ?? throw new InvalidOperationException("A commit carries a completion but the store has no idempotency records.")).WriteCompleted(completion);
            }
            Commits++;
            return stored;
        }
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<TranscriptMessage> result = _messages.TryGetValue(sessionId, out var t)
                ? t.Values.Where(m => m.Seq >= fromSeq && m.Seq <= toSeq).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<TranscriptMessage> result = _messages.TryGetValue(sessionId, out var t)
                ? t.Values.Where(m => m.Seq > afterSeq).Take(limit).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<TranscriptMessage> result = _messages.TryGetValue(sessionId, out var t)
                ? t.Values.Where(m => m.TurnId == turnId).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public IReadOnlyList<TranscriptMessage> All(string sessionId)
    {
        lock (_gate)
        {
            return _messages[sessionId].Values.ToList();
        }
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
