using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>
/// A game server's outlet for events into sessions, over whichever transport the deployment uses.
/// Each event needs the game's own unique id: that id is what makes a resend harmless (the session
/// ignores an id it has seen; on Service Bus it is also the MessageId for duplicate detection).
/// Field rules (non-empty text, known session) are the server's; its answer is the authority.
/// </summary>
public sealed class GameEventPublisher(IGameEventTransport transport)
{
    private readonly IGameEventTransport _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <summary>A publisher that posts over HTTP with the operator key.</summary>
    public static GameEventPublisher OverHttp(OperatorClient operatorClient) => new(new HttpGameEventTransport(operatorClient));

    /// <summary>Sends <paramref name="gameEvent"/>.</summary>
    public Task PublishAsync(GameEvent gameEvent, CancellationToken ct = default)
    {
        if (gameEvent is null)
        {
            throw new ArgumentNullException(nameof(gameEvent));
        }
        if (string.IsNullOrEmpty(gameEvent.EventId))
        {
            // Without an id a resend could not be recognised; this is about delivery, not the event's content.
            throw new ArgumentException("A game event needs the game's unique eventId.", nameof(gameEvent));
        }
        return _transport.SendAsync(gameEvent, ct);
    }

    /// <summary>Sends an event, reusing <paramref name="eventId"/> on any resend of the same event.</summary>
    public Task PublishAsync(string eventId, string sessionId, string text, bool react, CancellationToken ct = default) =>
        PublishAsync(new GameEvent(eventId, sessionId, text, react), ct);
}
