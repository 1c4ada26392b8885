using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Orchestrations;

/// <summary>
/// A game event with <c>react: true</c>: one activity records the event and generates the reaction.
/// The core hands a failed reaction's event back to the actor itself; if the activity fails outright
/// (e.g. storage down before the core could do that), the orchestration does it, so the next player turn
/// still sees the event. A second ReactionFailed for an already pending event is ignored by the reducer.
/// </summary>
public static class ReactionOrchestration
{
    [Function(nameof(ReactionOrchestration))]
    public static async Task<int> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        GameEvent gameEvent = context.GetInput<GameEvent>()
            ?? throw new InvalidOperationException("ReactionOrchestration needs a GameEvent input.");
        try
        {
            return await context.CallActivityAsync<int>(nameof(GenerateReactionActivity), gameEvent);
        }
        catch (TaskFailedException)
        {
            await context.Entities.SignalEntityAsync(
                SessionEntityOperations.IdFor(gameEvent.SessionId), nameof(SessionEntity.ReactionFailed), gameEvent);
            return 0;
        }
    }
}

/// <summary>The model call of <see cref="ReactionOrchestration"/>; returns how many messages were committed.</summary>
public sealed partial class GenerateReactionActivity(
    EventReactionService reactions, DurableClientAccessor durable, ILogger<GenerateReactionActivity> logger)
{
    [Function(nameof(GenerateReactionActivity))]
    public async Task<int> Run(
        [ActivityTrigger] GameEvent gameEvent, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        durable.Use(client);
        IReadOnlyList<TranscriptMessage> committed = await reactions.ReactAsync(gameEvent, ct);
        LogReaction(gameEvent.SessionId, gameEvent.EventId, committed.Count);
        return committed.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: event {EventId} reaction committed {Count} messages")]
    private partial void LogReaction(string sessionId, string eventId, int count);
}
