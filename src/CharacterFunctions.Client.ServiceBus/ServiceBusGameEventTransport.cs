using Azure.Core;
using Azure.Messaging.ServiceBus;
using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client.ServiceBus;

/// <summary>
/// Delivers game events to the Functions app's <c>game-events</c> queue: the body is
/// <see cref="GameEventMessage.Body"/>, <c>MessageId</c> is the event id (so the queue's duplicate
/// detection drops a resend) and the content type is <c>application/json</c>.
/// </summary>
public sealed class ServiceBusGameEventTransport : IGameEventTransport, IAsyncDisposable
{
    public const string QueueName = "game-events";

    private readonly ServiceBusSender _sender;
    private readonly ServiceBusClient? _ownedClient;

    /// <summary>Sends through a sender the caller owns (and disposes).</summary>
    public ServiceBusGameEventTransport(ServiceBusSender sender)
    {
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
    }

    private ServiceBusGameEventTransport(ServiceBusClient client, string queueName)
    {
        _ownedClient = client;
        _sender = client.CreateSender(queueName);
    }

    /// <summary>
    /// Identity-based (the deployment disables SAS keys): <paramref name="fullyQualifiedNamespace"/> is
    /// <c>name.servicebus.windows.net</c>; the identity needs <i>Azure Service Bus Data Sender</i>.
    /// Pass e.g. Azure.Identity's <c>ManagedIdentityCredential</c> or <c>DefaultAzureCredential</c>.
    /// </summary>
    public static ServiceBusGameEventTransport Create(string fullyQualifiedNamespace, TokenCredential credential, string queueName = QueueName) =>
        new(new ServiceBusClient(fullyQualifiedNamespace, credential), queueName);

    /// <summary>With a connection string (the Service Bus emulator, or a namespace that allows SAS).</summary>
    public static ServiceBusGameEventTransport Create(string connectionString, string queueName = QueueName) =>
        new(new ServiceBusClient(connectionString), queueName);

    public Task SendAsync(GameEvent gameEvent, CancellationToken ct) => _sender.SendMessageAsync(CreateMessage(gameEvent), ct);

    /// <summary>The queue message of an event, exactly as the Functions app reads it.</summary>
    public static ServiceBusMessage CreateMessage(GameEvent gameEvent) =>
        new(GameEventMessage.Body(gameEvent))
        {
            MessageId = gameEvent.EventId,
            ContentType = GameEventMessage.ContentType,
        };

    public async ValueTask DisposeAsync()
    {
        if (_ownedClient is not null)
        {
            await _sender.DisposeAsync().ConfigureAwait(false);
            await _ownedClient.DisposeAsync().ConfigureAwait(false);
        }
    }
}
