using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>How a <see cref="GameEventPublisher"/> delivers: over HTTP (<see cref="HttpGameEventTransport"/>) or the Service Bus queue (CharacterFunctions.Client.ServiceBus).</summary>
public interface IGameEventTransport
{
    Task SendAsync(GameEvent gameEvent, CancellationToken ct);
}
