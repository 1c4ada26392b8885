using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Roleplay.Tests.Sessions;

public sealed class PollingTranscriptWaiterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void IntervalAfter_SuccessiveReads_DoublesFrom250MsAndCapsAt2s()
    {
        var schedule = Enumerable.Range(1, 7).Select(PollingTranscriptWaiter.IntervalAfter).Select(t => t.TotalMilliseconds);

        Assert.Equal([250, 500, 1000, 2000, 2000, 2000, 2000], schedule);
    }

    [Fact]
    public async Task WaitForNewerAsync_NoNews_ReadsOnTheBackOffSchedule()
    {
        var time = new ObservedTime();
        var store = new CountingStore(await SeededAsync());
        var waiter = new PollingTranscriptWaiter(store, time);

        var wait = waiter.WaitForNewerAsync("s-1", afterSeq: 1, TimeSpan.FromSeconds(60), CancellationToken.None);
        foreach (var (step, readsBefore) in new[] { (250, 1), (500, 2), (1000, 3), (2000, 4), (2000, 5) })
        {
            await time.ParkedAsync(store, wait);
            time.Advance(TimeSpan.FromMilliseconds(step - 1));
            Assert.Equal(readsBefore, store.Reads);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await store.ReadsReachAsync(readsBefore + 1);
        }
        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task WaitForNewerAsync_ForAMinuteWithoutNews_ReadsAbout33TimesInsteadOf240()
    {
        var time = new ObservedTime();
        var store = new CountingStore(await SeededAsync());
        var waiter = new PollingTranscriptWaiter(store, time);

        var wait = waiter.WaitForNewerAsync("s-1", afterSeq: 1, TimeSpan.FromSeconds(60), CancellationToken.None);
        while (await time.ParkedAsync(store, wait))
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
        }
        await wait.WaitAsync(Patience);

        // Reads at 0, 0.25, 0.75, 1.75 and 3.75 s, then every 2 s up to 59.75 s; none at the deadline.
        Assert.Equal(33, store.Reads);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:01:00Z"), time.GetUtcNow());
    }

    [Fact]
    public async Task Committed_OnThisInstance_WakesTheWaiterBeforeItsNextPoll()
    {
        var time = new ObservedTime();
        var sessions = await SeededAsync();
        var store = new CountingStore(sessions);
        var waiter = new PollingTranscriptWaiter(store, time);
        var wait = waiter.WaitForNewerAsync("s-1", afterSeq: 1, TimeSpan.FromSeconds(60), CancellationToken.None);
        await store.ReadsReachAsync(1);

        var head = (await sessions.GetAsync("s-1", CancellationToken.None))!;
        var reply = Message(2);
        var committed = await sessions.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 2 }, [reply]), CancellationToken.None);
        waiter.Committed(committed, [reply]);

        await wait.WaitAsync(Patience);
        Assert.Equal(2, store.Reads);
    }

    private static async Task<InMemorySessionStore> SeededAsync()
    {
        var sessions = new InMemorySessionStore();
        await sessions.CreateAsync(Session("s-1") with { LastSeq = 1 }, [Message(1)], CancellationToken.None);
        return sessions;
    }

    private static SessionRecord Session(string id) => new()
    {
        SessionId = id,
        CharacterIds = ["c-1"],
        Players = [new Player("p-1", "Player")],
        CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
    };

    private static TranscriptMessage Message(long seq) => new()
    {
        Seq = seq,
        Role = MessageRole.Assistant,
        Kind = MessageKind.Reply,
        Text = "Hi.",
        CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
    };

    /// <summary>
    /// A fake clock that also counts the timers the waiter starts: one timer per read means the waiter
    /// is parked in its pause, so advancing the clock now cannot race its loop.
    /// </summary>
    private sealed class ObservedTime : TimeProvider
    {
        private readonly FakeTimeProvider _fake = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        private int _timers;

        public void Advance(TimeSpan by) => _fake.Advance(by);

        /// <summary>False when the wait has ended instead of parking.</summary>
        public async Task<bool> ParkedAsync(CountingStore store, Task wait)
        {
            using var patience = new CancellationTokenSource(Patience);
            while (!wait.IsCompleted && (store.Reads == 0 || Volatile.Read(ref _timers) < store.Reads))
            {
                await Task.Delay(1, patience.Token);
            }
            return !wait.IsCompleted;
        }

        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();
        public override long GetTimestamp() => _fake.GetTimestamp();
        public override long TimestampFrequency => _fake.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = _fake.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }

    /// <summary>Counts head reads; everything else goes to the in-memory store.</summary>
    private sealed class CountingStore(InMemorySessionStore inner) : ISessionStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>Waits (bounded) until the waiter's background loop has made <paramref name="reads"/> reads.</summary>
        public async Task ReadsReachAsync(int reads)
        {
            using var patience = new CancellationTokenSource(Patience);
            while (Reads < reads)
            {
                await Task.Delay(1, patience.Token);
            }
        }

        public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetAsync(sessionId, ct);
        }

        public Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct) => inner.CreateAsync(session, initialMessages, ct);
        public Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct) => inner.CommitAsync(commit, ct);
        public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct) => inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);
        public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) => inner.ReadPageAsync(sessionId, afterSeq, limit, ct);
        public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) => inner.FindByTurnAsync(sessionId, turnId, ct);
    }
}
