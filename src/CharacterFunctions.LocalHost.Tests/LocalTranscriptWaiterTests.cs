using CharacterFunctions.LocalHost.Concurrency;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class LocalTranscriptWaiterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WaitForNewerAsync_CommitWhileWaiting_ReturnsAndStopsTrackingTheSession()
    {
        var store = new HeadOnlyStore(Head(lastSeq: 1));
        var waiter = new LocalTranscriptWaiter(store);

        var waiting = waiter.WaitForNewerAsync("s-1", 1, TimeSpan.FromSeconds(30), None);
        await WaitUntilAsync(() => waiter.TrackedSessions == 1 && store.Reads > 0);
        store.Current = Head(lastSeq: 2);
        waiter.Committed(store.Current, []);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, waiter.TrackedSessions);
    }

    [Fact]
    public async Task WaitForNewerAsync_NewerAlreadyCommitted_ReturnsWithoutWaiting()
    {
        var waiter = new LocalTranscriptWaiter(new HeadOnlyStore(Head(lastSeq: 5)));

        await waiter.WaitForNewerAsync("s-1", 3, TimeSpan.FromSeconds(30), None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, waiter.TrackedSessions);
    }

    [Fact]
    public async Task WaitForNewerAsync_TimesOut_ReturnsAndStopsTrackingTheSession()
    {
        var waiter = new LocalTranscriptWaiter(new HeadOnlyStore(Head(lastSeq: 1)));

        await waiter.WaitForNewerAsync("s-1", 1, TimeSpan.FromMilliseconds(50), None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, waiter.TrackedSessions);
    }

    [Fact]
    public void Committed_NobodyWaiting_TracksNothing()
    {
        var waiter = new LocalTranscriptWaiter(new HeadOnlyStore(Head(lastSeq: 1)));

        for (var i = 0; i < 100; i++)
        {
            waiter.Committed(Head(lastSeq: 2) with { SessionId = $"s-{i}" }, []);
        }

        Assert.Equal(0, waiter.TrackedSessions);
    }

    private static SessionRecord Head(long lastSeq) => new()
    {
        SessionId = "s-1",
        CharacterIds = ["c-1"],
        Players = [new Player("p-1", "Monitor")],
        CreatedAt = DateTimeOffset.UnixEpoch,
        LastSeq = lastSeq,
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Serves only the head; the waiter reads nothing else.</summary>
    private sealed class HeadOnlyStore(SessionRecord head) : ISessionStore
    {
        private int _reads;

        public SessionRecord Current { get; set; } = head;
        public int Reads => Volatile.Read(ref _reads);

        public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult<SessionRecord?>(Current);
        }

        public Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct) => throw new NotSupportedException();
        public Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) => throw new NotSupportedException();
    }
}
