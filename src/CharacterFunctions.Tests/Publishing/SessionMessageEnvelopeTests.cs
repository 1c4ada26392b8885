using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Functions.Publishing;
using CharacterFunctions.Roleplay.Conversation;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CharacterFunctions.Tests.Publishing;

public sealed class SessionMessageEnvelopeTests
{
    private static readonly TranscriptMessage Nudge = new()
    {
        Seq = 7,
        Role = MessageRole.Assistant,
        Kind = MessageKind.Nudge,
        Speaker = "Jiang Rang",
        SpeakerId = "jiang-rang",
        Text = "Still reading?",
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        TurnId = "internal-turn",
        ContextFromSeq = 1,
    };

    [Fact]
    public void Create_CommittedNudge_UsesSessionAndSeqAsMessageIdForDuplicateDetection()
    {
        ServiceBusMessage message = SessionMessageEnvelope.Create("s-1", Nudge);

        Assert.Equal("s-1:7", message.MessageId);
        Assert.Equal("s-1", message.CorrelationId);
        Assert.Equal("s-1", message.ApplicationProperties["sessionId"]);
        Assert.Equal("nudge", message.ApplicationProperties["kind"]);
        Assert.Equal("application/json", message.ContentType);
    }

    [Fact]
    public void Create_CommittedNudge_BodyWrapsTheApiMessageShapeWithoutInternals()
    {
        using JsonDocument body = JsonDocument.Parse(SessionMessageEnvelope.Create("s-1", Nudge).Body.ToString());
        JsonElement root = body.RootElement;
        JsonElement message = root.GetProperty("message");

        Assert.Equal("s-1", root.GetProperty("sessionId").GetString());
        Assert.Equal(7, message.GetProperty("seq").GetInt64());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("nudge", message.GetProperty("kind").GetString());
        Assert.Equal("Jiang Rang", message.GetProperty("speaker").GetString());
        Assert.Equal("jiang-rang", message.GetProperty("speakerId").GetString());
        Assert.Equal("Still reading?", message.GetProperty("text").GetString());
        Assert.False(message.TryGetProperty("turnId", out _));
        Assert.False(message.TryGetProperty("contextFromSeq", out _));
    }

    [Fact]
    public void Create_CutOffReplyWithActions_TopicMessageCarriesSpeechActionsAndFinishReason()
    {
        var reply = Nudge with { Kind = MessageKind.Reply, Text = "(waves) Still reading? *smiles warmly* I", FinishReason = "length" };

        using JsonDocument body = JsonDocument.Parse(SessionMessageEnvelope.Create("s-1", reply).Body.ToString());
        JsonElement message = body.RootElement.GetProperty("message");

        Assert.Equal("Still reading? I", message.GetProperty("speech").GetString());
        Assert.Equal(["waves", "smiles warmly"], message.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("length", message.GetProperty("finishReason").GetString());
        Assert.Equal("(waves) Still reading? *smiles warmly* I", message.GetProperty("text").GetString());
    }

    [Fact]
    public void Create_CommittedNudge_MessageSerializesExactlyLikeTheApiResponse()
    {
        using JsonDocument body = JsonDocument.Parse(SessionMessageEnvelope.Create("s-1", Nudge).Body.ToString());
        string api = JsonSerializer.Serialize(MessageResponse.From(Nudge), ApiJson.Options);

        Assert.Equal(api, body.RootElement.GetProperty("message").GetRawText());
    }

    [Fact]
    public async Task PublishAsync_Message_SendsTheEnvelopeThroughTheTopicSender()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage m, CancellationToken _) => sent = m)
            .Returns(Task.CompletedTask);

        await new SessionMessagePublisher(sender.Object, NullLogger<SessionMessagePublisher>.Instance)
            .PublishAsync("s-1", Nudge, CancellationToken.None);

        Assert.Equal("s-1:7", sent?.MessageId);
    }
}
