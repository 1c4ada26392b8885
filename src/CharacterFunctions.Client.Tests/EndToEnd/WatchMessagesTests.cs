using System.Threading.Channels;
using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.EndToEnd;

public sealed class WatchMessagesTests(ClientHostFixture fixture) : ClientTestBase(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WatchMessagesAsync_HostRestartsWhileWatching_ResumesAndDeliversTurnAndIdleNudgeOnce()
    {
        var session = await NewSessionAsync(idleAfterSeconds: 1);
        using var watcherClient = PlayerClient(session);
        using var stop = new CancellationTokenSource();
        var received = Channel.CreateUnbounded<Message>();
        var watching = Task.Run(async () =>
        {
            await foreach (var message in watcherClient.WatchMessagesAsync(after: 1, stop.Token))
            {
                await received.Writer.WriteAsync(message);
            }
        });

        await Eventually(() => Wire.To("/messages").Count > 0);
        await Fixture.StopHostAsync();
        await Eventually(() => Wire.To("/messages").Any(e => e.Failure is not null));
        await Fixture.StartHostAsync();

        using var player = new CharacterClient(Fixture.BaseAddress, session.AccessTokens["p-1"], options: FastOptions);
        await player.SendTurnAsync("I am back.");

        // The idle timer may also nudge after the opening line (before the turn); the nudge that matters is the one after the reply.
        var messages = new List<Message>();
        using var timeout = new CancellationTokenSource(Patience);
        while (!(messages.Count > 0 && messages[^1].Kind == MessageKinds.Nudge && messages.Any(m => m.Kind == MessageKinds.Reply)))
        {
            messages.Add(await received.Reader.ReadAsync(timeout.Token));
        }
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.Equal(Enumerable.Range(2, messages.Count).Select(seq => (long)seq), messages.Select(m => m.Seq));
        Assert.Equal([MessageKinds.User, MessageKinds.Reply], messages.Where(m => m.Kind != MessageKinds.Nudge).Select(m => m.Kind));
        Assert.False(received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task WatchMessagesAsync_EventWithReact_YieldsTheEventAndTheReaction()
    {
        var session = await NewSessionAsync();
        Model.Reply(session.SessionId, "The bell! Let's go.");
        using var player = PlayerClient(session);
        using var stop = new CancellationTokenSource(Patience);
        var publisher = GameEventPublisher.OverHttp(Operator);

        await publisher.PublishAsync($"e-{Guid.NewGuid():N}", session.SessionId, "The school bell rings.", react: true);

        var messages = new List<Message>();
        await foreach (var message in player.WatchMessagesAsync(after: 1, stop.Token))
        {
            messages.Add(message);
            if (message.Kind == MessageKinds.Reaction)
            {
                break;
            }
        }
        Assert.Equal([MessageKinds.Event, MessageKinds.Reaction], messages.Select(m => m.Kind));
        Assert.Equal("The bell! Let's go.", messages[1].Text);
    }

    [Fact]
    public async Task WatchMessagesAsync_SessionEnded_DeliversTheTranscriptThenCompletes()
    {
        var session = await NewSessionAsync();
        using var player = PlayerClient(session);
        await player.EndSessionAsync();
        using var stop = new CancellationTokenSource(Patience);

        var messages = new List<Message>();
        await foreach (var message in player.WatchMessagesAsync(after: 0, stop.Token))
        {
            messages.Add(message);
        }

        Assert.Equal(OpeningLine, Assert.Single(messages).Text);
        Assert.False(stop.IsCancellationRequested);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never became true.");
            await Task.Delay(50);
        }
    }
}
