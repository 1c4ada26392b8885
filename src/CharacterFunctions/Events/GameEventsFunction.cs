using Azure.Messaging.ServiceBus;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Events;

/// <summary>
/// Game events from the <c>game-events</c> queue. Settlement is explicit (auto-complete off):
/// accepted, duplicate and ended-session events are completed (the latter two have no effect);
/// malformed, invalid and unknown-session events are dead-lettered with a reason, because redelivery
/// cannot fix them. Anything else (storage, Durable, network) is thrown, so the host abandons the
/// message and Service Bus redelivers it until the queue's max delivery count. Settlement ignores the
/// invocation's cancellation: once the event reached the actor, a host drain must not leave the message
/// unsettled (it would be redelivered and, past the de-duplication window, applied twice).
/// </summary>
public sealed partial class GameEventsFunction(
    IGameEventIntake intake, DurableClientAccessor durable, ILogger<GameEventsFunction> logger)
{
    public const string QueueName = "game-events";
    public const string ConnectionName = "ServiceBusConnection";

    [Function(nameof(GameEventsFunction))]
    public async Task Run(
        [ServiceBusTrigger(QueueName, Connection = ConnectionName, AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct)
    {
        durable.Use(client);
        await HandleAsync(message, actions, ct);
    }

    /// <summary>The trigger's logic without the Durable binding (what the tests drive).</summary>
    internal async Task HandleAsync(ServiceBusReceivedMessage message, ServiceBusMessageActions actions, CancellationToken ct)
    {
        var (gameEvent, readError) = GameEventReader.Read(message.Body);
        if (gameEvent is null)
        {
            await DeadLetterAsync(message, actions, DeadLetterReasons.InvalidJson, readError ?? "Unreadable event.");
            return;
        }

        EventDisposition disposition;
        try
        {
            disposition = await intake.AcceptAsync(gameEvent, ct);
        }
        catch (RoleplayException e) when (e.Kind == ProblemKind.Validation)
        {
            // Includes a malformed sessionId (e.g. over 1 KiB): dead-lettered at once, never retried into a poison message.
            await DeadLetterAsync(message, actions, DeadLetterReasons.InvalidEvent, Describe(e));
            return;
        }

        if (disposition == EventDisposition.UnknownSession)
        {
            await DeadLetterAsync(message, actions, DeadLetterReasons.UnknownSession, "No session with this sessionId exists.");
            return;
        }

        await actions.CompleteMessageAsync(message, CancellationToken.None);
        LogSettled(gameEvent.SessionId, gameEvent.EventId, disposition);
    }

    private async Task DeadLetterAsync(
        ServiceBusReceivedMessage message, ServiceBusMessageActions actions, string reason, string description)
    {
        await actions.DeadLetterMessageAsync(
            message, propertiesToModify: null, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: CancellationToken.None);
        LogDeadLettered(message.MessageId, reason);
    }

    /// <summary>Names the invalid fields and their rules; field values (possibly chat text) are never included.</summary>
    private static string Describe(RoleplayException e) => e.Errors is { Count: > 0 } errors
        ? string.Join("; ", errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"))
        : e.Detail;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: event {EventId} {Disposition}")]
    private partial void LogSettled(string sessionId, string eventId, EventDisposition disposition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Game event message {MessageId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string messageId, string reason);
}
