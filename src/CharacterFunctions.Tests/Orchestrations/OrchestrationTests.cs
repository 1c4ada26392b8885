using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Moq;

namespace CharacterFunctions.Tests.Orchestrations;

public sealed class OrchestrationTests
{
    private readonly Mock<TaskOrchestrationContext> _context = new();

    [Fact]
    public async Task NudgeOrchestration_Request_CallsTheNudgeActivityWithItAndReturnsTheSeq()
    {
        var request = new NudgeRequest("s-1", 4, 2);
        _context.Setup(c => c.GetInput<NudgeRequest>()).Returns(request);
        _context.Setup(c => c.CallActivityAsync<long?>(
                It.Is<TaskName>(n => n.Name == nameof(GenerateNudgeActivity)), request, It.IsAny<TaskOptions?>()))
            .ReturnsAsync(5L);

        long? seq = await NudgeOrchestration.Run(_context.Object);

        Assert.Equal(5L, seq);
    }

    [Fact]
    public async Task ReactionOrchestration_ActivitySucceeds_ReturnsCommittedCountAndSignalsNothing()
    {
        var gameEvent = new GameEvent("e-1", "s-1", "Boss appears", true);
        var entities = new Mock<TaskOrchestrationEntityFeature>();
        _context.SetupGet(c => c.Entities).Returns(entities.Object);
        _context.Setup(c => c.GetInput<GameEvent>()).Returns(gameEvent);
        _context.Setup(c => c.CallActivityAsync<int>(
                It.Is<TaskName>(n => n.Name == nameof(GenerateReactionActivity)), gameEvent, It.IsAny<TaskOptions?>()))
            .ReturnsAsync(2);

        int committed = await ReactionOrchestration.Run(_context.Object);

        Assert.Equal(2, committed);
        entities.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReactionOrchestration_ActivityFails_HandsTheEventBackToTheSessionAsReactionFailed()
    {
        var gameEvent = new GameEvent("e-1", "s-1", "Boss appears", true);
        var entities = new Mock<TaskOrchestrationEntityFeature>();
        _context.SetupGet(c => c.Entities).Returns(entities.Object);
        _context.Setup(c => c.GetInput<GameEvent>()).Returns(gameEvent);
        _context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(nameof(GenerateReactionActivity), 1, new InvalidOperationException("model down")));

        int committed = await ReactionOrchestration.Run(_context.Object);

        Assert.Equal(0, committed);
        entities.Verify(e => e.SignalEntityAsync(
            new EntityInstanceId(nameof(SessionEntity), "s-1"), nameof(SessionEntity.ReactionFailed), gameEvent, null), Times.Once);
    }

    [Fact]
    public async Task PublishOrchestration_Request_CallsThePublishActivityWithRetries()
    {
        var request = new PublishRequest("s-1", 6);
        TaskOptions? used = null;
        _context.Setup(c => c.GetInput<PublishRequest>()).Returns(request);
        _context.Setup(c => c.CallActivityAsync<bool>(
                It.Is<TaskName>(n => n.Name == nameof(PublishMessageActivity)), request, It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? _, TaskOptions? options) => used = options)
            .ReturnsAsync(true);

        Assert.True(await PublishOrchestration.Run(_context.Object));
        Assert.NotNull(used?.Retry);
    }
}
