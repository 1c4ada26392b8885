using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Api.Http;

namespace CharacterFunctions.Functions.Publishing;

/// <summary>
/// Builds the Service Bus message for a committed transcript message. The message id
/// <c>{sessionId}:{seq}</c> makes the topic's duplicate detection drop a re-publish; the session id is
/// the correlation id and an application property so subscriptions can filter per session.
/// </summary>
public static class SessionMessageEnvelope
{
    public const string ContentType = "application/json";
    public const string SessionIdProperty = "sessionId";
    public const string KindProperty = "kind";
    public const string SeqProperty = "seq";

    public static string MessageIdFor(string sessionId, long seq) => $"{sessionId}:{seq}";

    public static ServiceBusMessage Create(string sessionId, TranscriptMessage message)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(PublishedMessage.From(sessionId, message), ApiJson.Options);
        string kind = JsonNamingPolicy.CamelCase.ConvertName(message.Kind.ToString());
        return new ServiceBusMessage(new BinaryData(body))
        {
            MessageId = MessageIdFor(sessionId, message.Seq),
            CorrelationId = sessionId,
            ContentType = ContentType,
            Subject = kind,
            ApplicationProperties =
            {
                [SessionIdProperty] = sessionId,
                [KindProperty] = kind,
                [SeqProperty] = message.Seq,
            },
        };
    }
}
