using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Nudges;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Orchestrations;

/// <summary>
/// Idle continuation: one activity asks the model for a nudge. No Durable retry: the model client
/// already retries within its bound. The core service commits the nudge and reports it to the session
/// actor, which then publishes it; a nudge that commits nothing (dropped, or the activity failed) is
/// reported as <c>NudgeFailed</c>, so the actor counts it, backs off and stops after a bound.
/// </summary>
public static class NudgeOrchestration
{
    [Function(nameof(NudgeOrchestration))]
    public static async Task<long?> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        NudgeRequest request = context.GetInput<NudgeRequest>()
            ?? throw new InvalidOperationException("NudgeOrchestration needs a NudgeRequest input.");
        long? committed = null;
        try
        {
            committed = await context.CallActivityAsync<long?>(nameof(GenerateNudgeActivity), request);
        }
        catch (TaskFailedException)
        {
            // Reported below like a dropped nudge; the activity's own log has the failure.
        }

        if (committed is null)
        {
            await context.Entities.SignalEntityAsync(
                SessionEntityOperations.IdFor(request.SessionId), nameof(SessionEntity.NudgeFailed), request.Generation);
        }

        return committed;
    }
}

/// <summary>The model call of <see cref="NudgeOrchestration"/>; returns the committed seq, or null when dropped.</summary>
public sealed partial class GenerateNudgeActivity(
    IdleContinuationService nudges, DurableClientAccessor durable, ILogger<GenerateNudgeActivity> logger)
{
    [Function(nameof(GenerateNudgeActivity))]
    public async Task<long?> Run(
        [ActivityTrigger] NudgeRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        durable.Use(client);
        TranscriptMessage? message = await nudges.GenerateNudgeAsync(request.SessionId, request.BasedOnSeq, ct);
        LogNudge(request.SessionId, request.BasedOnSeq, message?.Seq);
        return message?.Seq;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: nudge based on {BasedOnSeq} -> seq {Seq}")]
    private partial void LogNudge(string sessionId, long basedOnSeq, long? seq);
}
