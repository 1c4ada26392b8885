using System.Collections.Concurrent;
using CharacterFunctions.LocalHost.Actors;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>The local actors' side of a joint commit: the state is adopted only once the commit carrying it is decided.</summary>
public sealed class LocalSessionActorsTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly SessionOperation Start = new SessionOperation.Start("s-1", new IdlePolicy(3600, 1), 1);

    private readonly RecordingStateStore _store = new();
    private readonly LocalSessionActors _actors;

    public LocalSessionActorsTests() =>
        _actors = new LocalSessionActors(_store, new ServiceCollection().BuildServiceProvider(), TimeProvider.System, NullLogger<LocalSessionActors>.Instance);

    public ValueTask DisposeAsync() => _actors.DisposeAsync();

    [Fact]
    public async Task PrepareAsync_CommitLands_ActorAdoptsTheStateWithoutSavingItAgain()
    {
        await _actors.SendAsync("s-1", Start, None);
        var saves = _store.Saves;

        await using (var joint = await _actors.PrepareAsync("s-1", [new SessionOperation.Activity(3, MessageKind.Reply)], None))
        {
            Assert.Equal(3, joint.State!.LastSeq);
            joint.Committed();
        }

        await _actors.SendAsync("s-1", new SessionOperation.IdleDue(-1), None); // a stale signal: queued behind the joint item
        Assert.Equal(3, (await _actors.GetStateAsync("s-1", None))!.LastSeq);
        Assert.Equal(saves, _store.Saves);
    }

    [Fact]
    public async Task PrepareAsync_CommitFails_ActorKeepsItsStateAndGoesOn()
    {
        await _actors.SendAsync("s-1", Start, None);

        await using (await _actors.PrepareAsync("s-1", [new SessionOperation.Activity(3, MessageKind.Reply)], None))
        {
            // The commit threw: Committed is never called.
        }
        await _actors.SendAsync("s-1", new SessionOperation.Activity(2, MessageKind.User), None);

        Assert.Equal(2, (await _actors.GetStateAsync("s-1", None))!.LastSeq);
    }

    [Fact]
    public async Task PrepareAsync_CallerGivesUpWhileQueued_MailboxIsNotBlocked()
    {
        await _actors.SendAsync("s-1", Start, None);
        var holding = await _actors.PrepareAsync("s-1", [new SessionOperation.Activity(2, MessageKind.User)], None);
        using var giveUp = new CancellationTokenSource();
        var queued = _actors.PrepareAsync("s-1", [new SessionOperation.Activity(3, MessageKind.Reply)], giveUp.Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        holding.Committed();
        await holding.DisposeAsync();
        await _actors.SendAsync("s-1", new SessionOperation.Activity(4, MessageKind.User), None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, (await _actors.GetStateAsync("s-1", None))!.LastSeq);
    }

    [Fact]
    public async Task GetStateAsync_ActorNotHeardFromSinceStart_ReadsTheStoreOnceThenMemory()
    {
        // A session without an idle policy: after a restart its actor hears nothing from turns.
        _store.Put(new SessionActorState { SessionId = "s-1", Started = true, LastSeq = 7 });

        var first = await _actors.GetStateAsync("s-1", None);
        var second = await _actors.GetStateAsync("s-1", None);

        Assert.Equal((7L, 7L), (first!.LastSeq, second!.LastSeq));
        Assert.Equal(1, _store.Loads);
    }

    [Fact]
    public async Task GetStateAsync_AfterAnOperation_ReturnsTheAppliedState()
    {
        _store.Put(new SessionActorState { SessionId = "s-1", Started = true, LastSeq = 7 });
        await _actors.GetStateAsync("s-1", None);

        await _actors.SendAsync("s-1", new SessionOperation.AddEvent(new GameEvent("e-1", "s-1", "door opens", false)), None);

        Assert.Equal("e-1", Assert.Single((await _actors.GetStateAsync("s-1", None))!.PendingEvents).EventId);
    }

    private sealed class RecordingStateStore : ISessionActorStateStore
    {
        private readonly ConcurrentDictionary<string, SessionActorState> _states = new();
        private int _saves;
        private int _loads;

        public int Saves => Volatile.Read(ref _saves);

        public int Loads => Volatile.Read(ref _loads);

        public void Put(SessionActorState state) => _states[state.SessionId] = state;

        public Task SaveAsync(SessionActorState state, CancellationToken ct)
        {
            Interlocked.Increment(ref _saves);
            _states[state.SessionId] = state;
            return Task.CompletedTask;
        }

        public Task<SessionActorState?> LoadAsync(string sessionId, CancellationToken ct)
        {
            Interlocked.Increment(ref _loads);
            return Task.FromResult(_states.GetValueOrDefault(sessionId));
        }

        public Task<IReadOnlyList<SessionActorState>> LoadActiveAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<SessionActorState>>(_states.Values.ToList());
    }
}
