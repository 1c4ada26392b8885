using Azure.Messaging.ServiceBus;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Events;
using CharacterFunctions.Tests.Fakes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CharacterFunctions.Tests.Events;

public sealed class GameEventsFunctionTests
{
    private readonly RecordingGameEventIntake _intake = new();
    private readonly Mock<ServiceBusMessageActions> _actions = new();
    private readonly GameEventsFunction _function;

    public GameEventsFunctionTests()
    {
        _intake.KnownSessions.Add("s-1");
        _function = new GameEventsFunction(_intake, new DurableClientAccessor(), NullLogger<GameEventsFunction>.Instance);
    }

    private static ServiceBusReceivedMessage Message(string body, string messageId = "m-1") =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(body), messageId: messageId, deliveryCount: 1);

    private void VerifyDeadLettered(ServiceBusReceivedMessage message, string reason) =>
        _actions.Verify(a => a.DeadLetterMessageAsync(
            message, It.IsAny<Dictionary<string, object>?>(), reason, It.Is<string?>(d => !string.IsNullOrWhiteSpace(d)), It.IsAny<CancellationToken>()),
            Times.Once);

    [Fact]
    public async Task Run_ValidEventForKnownSession_CompletesAndHandsTheEventToTheCore()
    {
        var message = Message("""{ "eventId": "e-42", "sessionId": "s-1", "text": "Player enters Level 3", "react": true }""");

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
        var accepted = Assert.Single(_intake.Accepted);
        Assert.Equal(("e-42", "s-1", "Player enters Level 3", true), (accepted.EventId, accepted.SessionId, accepted.Text, accepted.React));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    [InlineData("""{ "eventId": 42 }""")]
    [InlineData("""{ "eventId": "e-1", "sessionId": "s-1", "text": "T", "raect": true }""")]
    [InlineData("""{ "eventId": "e-1", "sessionId": "s-1", "text": "T", "react": "true" }""")]
    public async Task Run_MalformedBody_DeadLettersAsInvalidJsonWithoutCallingTheCore(string body)
    {
        var message = Message(body);

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        VerifyDeadLettered(message, DeadLetterReasons.InvalidJson);
        _actions.Verify(a => a.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(_intake.Accepted);
    }

    [Fact]
    public async Task Run_EventFailingValidation_DeadLettersAsInvalidEventNamingTheField()
    {
        var message = Message("""{ "eventId": "e-1", "sessionId": "s-1", "text": "" }""");
        string? description = null;
        _actions.Setup(a => a.DeadLetterMessageAsync(message, It.IsAny<Dictionary<string, object>?>(), DeadLetterReasons.InvalidEvent,
                It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage _, Dictionary<string, object>? _, string? _, string? d, CancellationToken _) => description = d)
            .Returns(Task.CompletedTask);

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        VerifyDeadLettered(message, DeadLetterReasons.InvalidEvent);
        Assert.Contains("text", description);
    }

    [Fact]
    public async Task Run_UnknownSession_DeadLettersAsUnknownSession()
    {
        var message = Message("""{ "eventId": "e-1", "sessionId": "nobody", "text": "Hello" }""");

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        VerifyDeadLettered(message, DeadLetterReasons.UnknownSession);
        _actions.Verify(a => a.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_SameEventDeliveredTwice_CompletesBothWithOneEffect()
    {
        const string body = """{ "eventId": "e-9", "sessionId": "s-1", "text": "Thunder" }""";
        var first = Message(body, "e-9");
        var redelivered = Message(body, "e-9-again");

        await _function.HandleAsync(first, _actions.Object, CancellationToken.None);
        await _function.HandleAsync(redelivered, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(first, It.IsAny<CancellationToken>()), Times.Once);
        _actions.Verify(a => a.CompleteMessageAsync(redelivered, It.IsAny<CancellationToken>()), Times.Once);
        _actions.Verify(a => a.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<Dictionary<string, object>?>(),
            It.IsAny<string?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Single(_intake.Accepted);
    }

    [Fact]
    public async Task Run_EndedSession_CompletesWithoutEffect()
    {
        _intake.EndedSessions.Add("s-1");
        var message = Message("""{ "eventId": "e-1", "sessionId": "s-1", "text": "Too late" }""");

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
        Assert.Empty(_intake.Accepted);
    }

    [Fact]
    public async Task Run_TransientFailure_ThrowsWithoutSettlingSoTheMessageIsRedelivered()
    {
        _intake.FailWith = new TimeoutException("storage timed out");
        var message = Message("""{ "eventId": "e-1", "sessionId": "s-1", "text": "Hello" }""");

        await Assert.ThrowsAsync<TimeoutException>(() => _function.HandleAsync(message, _actions.Object, CancellationToken.None));

        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_SessionIdOverOneKiB_DeadLetteredAsInvalidEventAtOnce()
    {
        string sessionId = new('a', 1025);
        var message = Message($$"""{ "eventId": "e-1", "sessionId": "{{sessionId}}", "text": "Level 3", "react": false }""");

        await _function.HandleAsync(message, _actions.Object, CancellationToken.None);

        VerifyDeadLettered(message, DeadLetterReasons.InvalidEvent);
        _actions.Verify(a => a.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(_intake.Accepted);
    }

    [Fact]
    public async Task Run_HostDrainingAfterTheEventWasAccepted_StillSettlesWithoutCancellation()
    {
        var message = Message("""{ "eventId": "e-43", "sessionId": "s-1", "text": "Boss appears", "react": false }""");
        using var draining = new CancellationTokenSource();
        await draining.CancelAsync();

        await _function.HandleAsync(message, _actions.Object, draining.Token);

        _actions.Verify(a => a.CompleteMessageAsync(message, CancellationToken.None), Times.Once);
        Assert.Single(_intake.Accepted);
    }

    [Fact]
    public async Task Run_HostDrainingOnAnInvalidEvent_DeadLettersWithoutCancellation()
    {
        var message = Message("not json");
        using var draining = new CancellationTokenSource();
        await draining.CancelAsync();

        await _function.HandleAsync(message, _actions.Object, draining.Token);

        _actions.Verify(a => a.DeadLetterMessageAsync(
            message, It.IsAny<Dictionary<string, object>?>(), DeadLetterReasons.InvalidJson, It.IsAny<string?>(), CancellationToken.None), Times.Once);
    }
}
