using System.Text;
using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Streaming;
using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.EndToEnd;

public sealed class StreamTurnTests(ClientHostFixture fixture) : ClientTestBase(fixture)
{
    [Fact]
    public async Task StreamTurnAsync_Reply_DeltasAssembleIntoTheCompletedReply()
    {
        var session = await NewSessionAsync();
        const string reply = "Streaming works, class monitor. Shall we play a game of Go after school?";
        Model.Reply(session.SessionId, reply);
        using var player = PlayerClient(session);

        var events = new List<TurnStreamEvent>();
        await foreach (var item in player.StreamTurnAsync(new TurnInput("Tell me about your last match.")))
        {
            events.Add(item);
        }

        var deltas = events.OfType<TurnDelta>().ToList();
        Assert.True(deltas.Count > 1, $"Expected the reply in several deltas, got {deltas.Count}.");
        Assert.All(deltas, d => Assert.Equal(0, d.Index));
        var assembled = deltas.Aggregate(new StringBuilder(), (text, d) => text.Append(d.Text)).ToString();
        var completed = Assert.IsType<TurnCompleted>(events[^1]);
        Assert.Single(events.OfType<TurnCompleted>());
        Assert.Equal(reply, assembled);
        Assert.Equal(reply, completed.Result.Messages[^1].Text);
        Assert.Equal([MessageKinds.User, MessageKinds.Reply], completed.Result.Messages.Select(m => m.Kind));
    }

    [Fact]
    public async Task StreamTurnAsync_ResponseLostBeforeTheStream_RetriesWithTheSameTurnIdAndCompletesOnce()
    {
        var session = await NewSessionAsync();
        Model.Reply(session.SessionId, "Only once.");
        using var player = PlayerClient(session);
        Wire.LoseResponses("/turns", 1);

        var events = new List<TurnStreamEvent>();
        await foreach (var item in player.StreamTurnAsync(new TurnInput("Hi.")))
        {
            events.Add(item);
        }

        Assert.Equal("Only once.", Assert.IsType<TurnCompleted>(events[^1]).Result.Messages[^1].Text);
        Assert.Single(Wire.To("/turns").Select(p => p.Body).Distinct());
        Assert.Single(Model.RequestsFor(session.SessionId));
        var transcript = await player.GetMessagesAsync();
        Assert.Single(transcript.Messages, m => m.Kind == MessageKinds.Reply);
    }
}
