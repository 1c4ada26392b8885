using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>Delivers events with <see cref="OperatorClient.PostEventAsync"/> (the local host, or an Azure app that serves the events route).</summary>
public sealed class HttpGameEventTransport(OperatorClient operatorClient) : IGameEventTransport
{
    private readonly OperatorClient _operator = operatorClient ?? throw new ArgumentNullException(nameof(operatorClient));

    public Task SendAsync(GameEvent gameEvent, CancellationToken ct) => _operator.PostEventAsync(gameEvent, ct);
}
