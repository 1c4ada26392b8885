using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class IdleNudgeTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task IdleNudge_SilenceAfterOneSecond_NudgeWithTrailingPartialAndOnlyOnce()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character, idleAfterSeconds: 1, maxNudges: 1);
        Model.Reply(session.SessionId, "(taps the desk) Still reading?");

        var transcript = await Api.WaitForSeqAsync(session.SessionId, session.Token, 2);

        Assert.Equal(("assistant", "nudge"), (Role(transcript[1]), Kind(transcript[1])));
        Assert.Equal("(taps the desk) Still reading?", Text(transcript[1]).Trim());
        var request = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.PartialAssistant("Jiang Rang:")],
            request.Messages);

        // maxNudges = 1: a further silent period brings no second nudge.
        var later = await Api.MessagesAsync(session.SessionId, session.Token, after: 2, waitSeconds: 3);
        Assert.Empty(later);
        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task IdleNudge_SessionEnded_NoNudgeAndTurnsRefused()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character, idleAfterSeconds: 1, maxNudges: 1);

        using (var ended = await Api.SendAsync(HttpMethod.Delete, $"/api/sessions/{session.SessionId}", token: session.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        // Long polls return at once on an ended session, so give a would-be nudge time to show up.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Empty(await Api.MessagesAsync(session.SessionId, session.Token, after: 1));
        Assert.Empty(Model.RequestsFor(session.SessionId));
        using var turn = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "Hello?" }, session.Token);
        Assert.Contains(turn.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Gone });
        Assert.Equal("application/problem+json", turn.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0.0)] // restarted before the timer was due: re-armed for the remaining time
    [InlineData(3.5)] // down past the due time: fires right after start-up
    public async Task Restart_PendingIdleTimer_RearmedAndNudgeArrives(double secondsDown)
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character, idleAfterSeconds: 3, maxNudges: 1);
        Model.Reply(session.SessionId, "Did you fall asleep?");

        await Fixture.StopHostAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(secondsDown));
        await Fixture.StartHostAsync();

        var transcript = await Api.WaitForSeqAsync(session.SessionId, session.Token, 2);
        Assert.Equal("nudge", Kind(transcript[1]));
        Assert.Equal("Did you fall asleep?", Text(transcript[1]).Trim());
        // Written by the new host: the old one was gone by then.
        Assert.True(transcript[1]!["createdAt"]!.GetValue<DateTimeOffset>() > stoppedAt);
        Assert.Single(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task IdleNudge_ModelKeepsRejecting_BoundedAttemptsThenTimerStops()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character, idleAfterSeconds: 1, maxNudges: 5);

        using (Model.FailEveryRequest(session.SessionId, 400))
        {
            // Attempts at about 1 s, +2 s and +4 s (each failure doubles the wait), then the timer stops;
            // before the fix a new attempt (and paid model call) followed every second.
            await Task.Delay(TimeSpan.FromSeconds(12));
            Assert.Equal(3, Model.RequestsFor(session.SessionId).Count);
        }

        Assert.Empty(await Api.MessagesAsync(session.SessionId, session.Token, after: 1));
    }
}
