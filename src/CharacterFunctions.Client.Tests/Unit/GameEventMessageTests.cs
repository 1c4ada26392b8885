using Azure.Messaging.ServiceBus;
using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.ServiceBus;
using CharacterFunctions.Functions.Events;

namespace CharacterFunctions.Client.Tests.Unit;

public sealed class GameEventMessageTests
{
    private static readonly GameEvent Bell = new("e-42", "s-7", "The school bell rings. 下课了！", React: true);

    [Fact]
    public void CreateMessage_Event_BodyRoundTripsThroughTheAppsEventReader()
    {
        var message = ServiceBusGameEventTransport.CreateMessage(Bell);

        var (parsed, error) = GameEventReader.Read(message.Body);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal((Bell.EventId, Bell.SessionId, Bell.Text, Bell.React), (parsed.EventId, parsed.SessionId, parsed.Text, parsed.React));
    }

    [Fact]
    public void CreateMessage_Event_MessageIdIsTheEventIdAndContentTypeIsJson()
    {
        var message = ServiceBusGameEventTransport.CreateMessage(Bell);

        Assert.Equal("e-42", message.MessageId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("""{"eventId":"e-42","sessionId":"s-7","text":"The school bell rings. \u4E0B\u8BFE\u4E86\uFF01","react":true}""",
            message.Body.ToString());
    }

    [Fact]
    public async Task PublishAsync_ServiceBusTransport_SendsTheEventsMessageToTheSender()
    {
        var sender = new RecordingSender();
        var publisher = new GameEventPublisher(new ServiceBusGameEventTransport(sender));

        await publisher.PublishAsync(Bell);

        var sent = Assert.Single(sender.Sent);
        Assert.Equal("e-42", sent.MessageId);
        Assert.Equal(ServiceBusGameEventTransport.CreateMessage(Bell).Body.ToString(), sent.Body.ToString());
    }

    [Fact]
    public async Task PublishAsync_NoEventId_ThrowsWithoutSending()
    {
        var sender = new RecordingSender();
        var publisher = new GameEventPublisher(new ServiceBusGameEventTransport(sender));

        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(Bell with { EventId = "" }));

        Assert.Empty(sender.Sent);
    }

    /// <summary>ServiceBusSender's protected constructor exists for this: a sender that records instead of sending.</summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
