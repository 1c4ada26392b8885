using System.Collections.Concurrent;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Tests.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CharacterFunctions.Tests.Orchestrations;

/// <summary>Nudge, reaction and publish orchestrations on a real Durable orchestration runtime with stand-in activities.</summary>
public sealed class OrchestrationRuntimeTests
{
    [Fact]
    public async Task NudgeOrchestration_ActivityCommits_ActivityGetsTheRequestAndTheSeqIsTheResult()
    {
        var seen = new ConcurrentQueue<NudgeRequest>();
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<NudgeRequest, long?>(
            nameof(GenerateNudgeActivity), (_, request) => { seen.Enqueue(request); return 5L; }));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(NudgeOrchestration), new NudgeRequest("s-1", 4, 2));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5L, done.ReadOutputAs<long?>());
        Assert.Equal(new NudgeRequest("s-1", 4, 2), Assert.Single(seen));
        Assert.Empty(runtime.Signals);
        Assert.Contains("\"basedOnSeq\":4", done.SerializedInput); // the app's converter (camelCase) on the wire
    }

    [Fact]
    public async Task NudgeOrchestration_ActivityFails_NotRetriedAndReportedToTheSessionAsNudgeFailed()
    {
        int attempts = 0;
        Func<TaskActivityContext, NudgeRequest, long?> failing = (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("model down");
        };
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc(nameof(GenerateNudgeActivity), failing));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(NudgeOrchestration), new NudgeRequest("s-1", 4, 2));

        // Completed, not Failed: the failure went back to the session as NudgeFailed (OrchestrationSignalTests).
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Null(done.ReadOutputAs<long?>());
        Assert.Equal(1, attempts);
        Assert.Equal(
            new RecordedSignal(new EntityInstanceId(nameof(SessionEntity), "s-1"), nameof(SessionEntity.NudgeFailed), 2L),
            Assert.Single(runtime.Signals));
    }

    [Fact]
    public async Task NudgeOrchestration_NudgeDropped_ReportedToTheSessionAsNudgeFailed()
    {
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<NudgeRequest, long?>(
            nameof(GenerateNudgeActivity), (_, _) => (long?)null));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(NudgeOrchestration), new NudgeRequest("s-1", 4, 3));

        Assert.Null(done.ReadOutputAs<long?>());
        Assert.Equal(
            new RecordedSignal(new EntityInstanceId(nameof(SessionEntity), "s-1"), nameof(SessionEntity.NudgeFailed), 3L),
            Assert.Single(runtime.Signals));
    }

    [Fact]
    public async Task ReactionOrchestration_ActivitySucceeds_EventArrivesIntactAndCountIsTheResult()
    {
        var gameEvent = new GameEvent("e-42", "s-1", "The school bell rings.", true);
        var seen = new ConcurrentQueue<GameEvent>();
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<GameEvent, int>(
            nameof(GenerateReactionActivity), (_, e) => { seen.Enqueue(e); return 2; }));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(ReactionOrchestration), gameEvent);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, done.ReadOutputAs<int>());
        Assert.Equal(gameEvent, Assert.Single(seen));
        Assert.Empty(runtime.Signals);
    }

    [Fact]
    public async Task ReactionOrchestration_ActivityFails_HandsTheEventBackAndCompletesWithZero()
    {
        Func<TaskActivityContext, GameEvent, int> failing = (_, _) => throw new InvalidOperationException("storage down");
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc(nameof(GenerateReactionActivity), failing));

        var gameEvent = new GameEvent("e-42", "s-1", "Bell", true);

        OrchestrationMetadata done = await runtime.RunAsync(nameof(ReactionOrchestration), gameEvent);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(0, done.ReadOutputAs<int>());
        Assert.Equal(
            new RecordedSignal(new EntityInstanceId(nameof(SessionEntity), "s-1"), nameof(SessionEntity.ReactionFailed), gameEvent),
            Assert.Single(runtime.Signals));
    }

    [Fact]
    public async Task PublishOrchestration_FirstAttemptFails_RetriedByItsPolicyAndPublished()
    {
        int attempts = 0;
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<PublishRequest, bool>(
            nameof(PublishMessageActivity), (_, request) =>
            {
                Assert.Equal(new PublishRequest("s-1", 6), request);
                return Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("topic busy") : true;
            }));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(PublishOrchestration), new PublishRequest("s-1", 6));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<bool>());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task PublishOrchestration_MessageMissing_CompletesWithFalseWithoutRetry()
    {
        int attempts = 0;
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<PublishRequest, bool>(
            nameof(PublishMessageActivity), (_, _) => { Interlocked.Increment(ref attempts); return false; }));

        OrchestrationMetadata done = await runtime.RunAsync(nameof(PublishOrchestration), new PublishRequest("s-1", 99));

        Assert.False(done.ReadOutputAs<bool>());
        Assert.Equal(1, attempts);
    }
}
