using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CharacterFunctions.Tests.Actors;

public sealed class DurableSessionActorsTests
{
    private readonly Mock<DurableEntityClient> _entities = new("test");

    /// <summary>Adapter with the mocked client made current for the calling test's async flow (as a function does).</summary>
    private DurableSessionActors Actors()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.SetupGet(c => c.Entities).Returns(_entities.Object);
        var accessor = new DurableClientAccessor();
        accessor.Use(client.Object);
        return new DurableSessionActors(accessor, NullLogger<DurableSessionActors>.Instance);
    }

    [Fact]
    public async Task SendAsync_AddEvent_SignalsTheSessionEntityWithTheEvent()
    {
        var gameEvent = new GameEvent("e-1", "s-1", "A door opens", false);

        await Actors().SendAsync("s-1", new SessionOperation.AddEvent(gameEvent), CancellationToken.None);

        _entities.Verify(e => e.SignalEntityAsync(
            new EntityInstanceId("SessionEntity", "s-1"), "AddEvent", gameEvent, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAllAsync_TurnReports_OneBatchSignalWithTheReportsInOrder()
    {
        SessionOperation[] reports = [new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.Activity(3, MessageKind.Reply)];

        await Actors().SendAllAsync("s-1", reports, CancellationToken.None);

        _entities.Verify(e => e.SignalEntityAsync(
            new EntityInstanceId("SessionEntity", "s-1"), "Batch",
            It.Is<object>(input => ((BatchedSessionOperation[])input).Select(b => b.ToOperation()).SequenceEqual(reports)),
            null, It.IsAny<CancellationToken>()), Times.Once);
        _entities.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetStateAsync_EntityWithState_ReturnsIt()
    {
        var id = new EntityInstanceId("SessionEntity", "s-1");
        var state = new SessionActorState { SessionId = "s-1", Started = true, LastSeq = 4 };
        _entities.Setup(e => e.GetEntityAsync<SessionActorState>(id, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EntityMetadata<SessionActorState>(id, state));

        SessionActorState? read = await Actors().GetStateAsync("s-1", CancellationToken.None);

        Assert.Same(state, read);
    }

    [Fact]
    public async Task GetStateAsync_MissingEntity_ReturnsNull()
    {
        var id = new EntityInstanceId("SessionEntity", "s-1");
        _entities.Setup(e => e.GetEntityAsync<SessionActorState>(id, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync((EntityMetadata<SessionActorState>?)null);

        Assert.Null(await Actors().GetStateAsync("s-1", CancellationToken.None));
    }

    [Fact]
    public async Task GetStateAsync_TransientEntityWithoutState_ReturnsNull()
    {
        // The real client's only stateless constructor is (id): IncludesState is false and State throws.
        var id = new EntityInstanceId("SessionEntity", "s-1");
        _entities.Setup(e => e.GetEntityAsync<SessionActorState>(id, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EntityMetadata<SessionActorState>(id));

        Assert.Null(await Actors().GetStateAsync("s-1", CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_NoClientInThisFlow_ThrowsNamingTheMissingBinding()
    {
        // A flow that never called Use (execution context not flowed): another invocation's client must not leak in.
        Task<InvalidOperationException> attempt;
        using (ExecutionContext.SuppressFlow())
        {
            attempt = Task.Run(() => Assert.ThrowsAsync<InvalidOperationException>(() =>
                new DurableSessionActors(new DurableClientAccessor(), NullLogger<DurableSessionActors>.Instance)
                    .SendAsync("s-1", new SessionOperation.End(), CancellationToken.None)));
        }

        InvalidOperationException error = await attempt;

        Assert.Contains("[DurableClient]", error.Message);
    }
}
