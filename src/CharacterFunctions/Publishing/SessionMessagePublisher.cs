using Azure.Messaging.ServiceBus;
using CharacterFunctions.Roleplay.Conversation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Publishing;

/// <summary>Sends committed nudges and reactions to the <c>session-messages</c> topic.</summary>
public sealed partial class SessionMessagePublisher(ServiceBusSender sender, ILogger<SessionMessagePublisher> logger)
{
    public const string TopicName = "session-messages";

    public async Task PublishAsync(string sessionId, TranscriptMessage message, CancellationToken ct)
    {
        await sender.SendMessageAsync(SessionMessageEnvelope.Create(sessionId, message), ct);
        LogPublished(sessionId, message.Seq, message.Kind);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: published message {Seq} ({Kind})")]
    private partial void LogPublished(string sessionId, long seq, MessageKind kind);
}
