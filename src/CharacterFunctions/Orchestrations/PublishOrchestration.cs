using CharacterFunctions.Functions.Publishing;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Orchestrations;

/// <summary>
/// Publishes a committed nudge or reaction to the <c>session-messages</c> topic. Retried with backoff:
/// a repeat is harmless because the message id <c>{sessionId}:{seq}</c> is de-duplicated by the topic.
/// </summary>
public static class PublishOrchestration
{
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    [Function(nameof(PublishOrchestration))]
    public static async Task<bool> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        PublishRequest request = context.GetInput<PublishRequest>()
            ?? throw new InvalidOperationException("PublishOrchestration needs a PublishRequest input.");
        return await context.CallActivityAsync<bool>(nameof(PublishMessageActivity), request, Retry);
    }
}

/// <summary>Reads the committed message and sends it; false when the message does not exist (nothing to publish).</summary>
public sealed partial class PublishMessageActivity(
    ISessionStore sessions, SessionMessagePublisher publisher, ILogger<PublishMessageActivity> logger)
{
    [Function(nameof(PublishMessageActivity))]
    public async Task<bool> Run([ActivityTrigger] PublishRequest request, CancellationToken ct)
    {
        IReadOnlyList<TranscriptMessage> found = await sessions.ReadRangeAsync(request.SessionId, request.Seq, request.Seq, ct);
        if (found.Count == 0)
        {
            LogMissing(request.SessionId, request.Seq);
            return false;
        }

        await publisher.PublishAsync(request.SessionId, found[0], ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: message {Seq} to publish does not exist")]
    private partial void LogMissing(string sessionId, long seq);
}
