using System.Collections.Concurrent;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Tests.Durable;

/// <summary>
/// The idle nudge path end to end on the real Durable code: the entity (real entity dispatch) schedules its
/// IdleDue signal, the signal is delivered when due, the entity starts the nudge orchestration, which runs on
/// the in-process orchestration runtime, and the committed nudge reported back is published.
/// </summary>
public sealed class IdleNudgePathTests
{
    [Fact]
    public async Task IdleNudge_FromStartToCommittedNudge_SignalDeliveredWhenDueStartsTheOrchestration()
    {
        var entity = new SessionEntityRunner("s-1");
        var generated = new ConcurrentQueue<NudgeRequest>();
        await using var runtime = await OrchestrationRuntime.StartAsync(r => r.AddActivityFunc<NudgeRequest, long?>(
            nameof(GenerateNudgeActivity), (_, request) => { generated.Enqueue(request); return request.BasedOnSeq + 1; }));

        // 1. The session starts (opening line = seq 1) with a 30 s idle policy, one nudge at most.
        var started = await entity.SendAsync(new SessionOperation.Start("s-1", new IdlePolicy(30, 1), 1));
        var idleDue = Assert.Single(started.Signals());

        // 2. The task hub delivers the scheduled signal at its time.
        entity.Time.SetUtcNow(idleDue.ScheduledTime.ToDateTimeOffset());
        var fired = await entity.RunAsync(idleDue.Name, idleDue.Input);
        var startNudge = Assert.Single(fired.Orchestrations());

        // 3. The orchestration it asks for runs and its activity commits the nudge.
        string id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync(startNudge.Name, startNudge.Input<NudgeRequest>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        OrchestrationMetadata done = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        long seq = done.ReadOutputAs<long?>() ?? throw new InvalidOperationException("No nudge committed.");

        // 4. The core reports the commit to the actor, which publishes it and, at maxNudges 1, stops its timer.
        var reported = await entity.SendAsync(new SessionOperation.Activity(seq, MessageKind.Nudge));

        Assert.Equal(new NudgeRequest("s-1", 1, 1), Assert.Single(generated));
        Assert.Equal(2, seq);
        var publish = Assert.Single(reported.Orchestrations());
        Assert.Equal(nameof(PublishOrchestration), publish.Name);
        Assert.Equal(new PublishRequest("s-1", 2), publish.Input<PublishRequest>());
        SessionActorState state = entity.State!;
        Assert.Equal((2L, 1, (DateTimeOffset?)null, (long?)null), (state.LastSeq, state.NudgesInARow, state.IdleDueAt, state.NudgeRunning));
    }
}
