using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Functions.Publishing;

/// <summary>
/// Body of a <c>session-messages</c> topic message: <c>{ "sessionId", "message" }</c>, where the message is the
/// API's own <see cref="MessageResponse"/> (the shape <c>GET .../messages</c> returns), so the two cannot drift.
/// </summary>
public sealed record PublishedMessage(string SessionId, MessageResponse Message)
{
    public static PublishedMessage From(string sessionId, TranscriptMessage message) => new(sessionId, MessageResponse.From(message));
}
